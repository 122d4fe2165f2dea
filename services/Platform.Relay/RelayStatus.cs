namespace Platform.Relay;

/// <summary>What the relay is doing now; read by health checks and tests.</summary>
public sealed class RelayStatus
{
    private volatile bool _streaming;
    private volatile bool _hasStreamed;
    private volatile Exception? _fatal;

    /// <summary>True while this instance holds the slot lock and relays.</summary>
    public bool Streaming => _streaming;

    /// <summary>True once this instance has streamed at least once since it started.</summary>
    public bool HasStreamed => _hasStreamed;

    /// <summary>The error that stopped the relay for good, or null.</summary>
    public Exception? Fatal => _fatal;

    internal void SetStreaming(bool streaming)
    {
        _streaming = streaming;
        _hasStreamed |= streaming;
    }

    internal void SetFatal(Exception error) => _fatal = error;
}
