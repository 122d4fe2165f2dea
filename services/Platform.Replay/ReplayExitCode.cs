namespace Platform.Replay;

/// <summary>Process exit codes of <c>platform replay</c> and <c>platform dlq</c>, one per class of outcome (documented in the CLI runbook).</summary>
public enum ReplayExitCode
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>An unexpected failure (Kafka unreachable, a record not acknowledged).</summary>
    Failed = 1,

    /// <summary>Malformed input: an unparsable range, an end before its start, conflicting options.</summary>
    BadInput = 2,

    /// <summary>A topic (or partition) that does not exist on the cluster.</summary>
    UnknownTopic = 3,

    /// <summary>A consumer name that no service registers.</summary>
    UnknownConsumer = 4,

    /// <summary>The range starts before what the cluster still holds (the topic's low watermark).</summary>
    BeyondRetention = 5,

    /// <summary>A mode this version does not have.</summary>
    Unsupported = 6,

    /// <summary>
    /// Records older than the target consumer's inbox retention (<c>Inbox:Retention</c>, the
    /// replay horizon): its inbox no longer remembers them, so they could be applied twice.
    /// </summary>
    BeyondInboxRetention = 7,

    /// <summary>Stopped by Ctrl-C; the checkpoint file (if any) holds where to continue.</summary>
    Cancelled = 130,
}
