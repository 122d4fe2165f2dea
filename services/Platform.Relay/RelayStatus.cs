namespace Platform.Relay;

/// <summary>What the relay is doing now; read by health checks and tests.</summary>
public sealed class RelayStatus
{
    private volatile bool _streaming;
    private volatile Exception? _fatal;

    /// <summary>True while this instance holds the slot lock and relays.</summary>
    public bool Streaming => _streaming;

    /// <summary>The error that stopped the relay for good, or null.</summary>
    public Exception? Fatal => _fatal;

    internal void SetStreaming(bool streaming) => _streaming = streaming;

    internal void SetFatal(Exception error) => _fatal = error;
}
