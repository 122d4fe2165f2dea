namespace Platform.Operations;

/// <summary>Process exit codes of <c>platform replay</c> and <c>platform dlq</c>, one per class of outcome (documented in the CLI runbook).</summary>
public enum ReplayExitCode
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>An unexpected failure (Kafka unreachable, a record not acknowledged).</summary>
    Failed = 1,

    /// <summary>Malformed input: an unparsable range, an end before its start, conflicting options.</summary>
    BadInput = 2,

    /// <summary>A topic (or partition) that does not exist on the cluster, or a replication slot that does not exist.</summary>
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

    /// <summary>
    /// The source no longer holds what was asked for: outbox rows in the range may have been purged
    /// (Retain-mode purge horizon), the service keeps no rows (DeleteAfterInsert mode), or the LSN is
    /// below the slot's restart_lsn (WAL removed).
    /// </summary>
    NotRetained = 8,

    /// <summary>
    /// The LSN lies between the slot's restart_lsn and confirmed_flush_lsn: the WAL is there but
    /// PostgreSQL never decodes already-confirmed transactions again; re-emit from the outbox instead.
    /// </summary>
    AlreadyConfirmed = 9,

    /// <summary>Stopped by Ctrl-C; the checkpoint file (if any) holds where to continue.</summary>
    Cancelled = 130,
}
