using Platform.Contracts;

namespace Platform.Relay.Configuration;

/// <summary>
/// Settings of the outbox relay (configuration section <c>Relay</c>; environment variables
/// <c>Relay__SlotName</c> and so on). Validated at start by <see cref="RelayOptionsValidator"/>.
/// </summary>
public sealed class RelayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Relay";

    /// <summary>
    /// Npgsql connection string of the database holding the outbox. <c>Relay:ConnectionString</c>
    /// wins; when it is empty, <c>ConnectionStrings:Outbox</c> is used, so a host that already
    /// names its outbox database there needs no second copy.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Kafka <c>bootstrap.servers</c> (host:port,...).</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>CDC or polling; see <see cref="RelayMode"/>.</summary>
    public RelayMode Mode { get; set; } = RelayMode.Cdc;

    /// <summary>Logical replication slot (CDC mode); also names the single-active-relay lock in both modes.</summary>
    public string SlotName { get; set; } = "outbox_relay";

    /// <summary>Publication covering only the outbox table (CDC mode).</summary>
    public string PublicationName { get; set; } = "outbox_relay";

    /// <summary>
    /// Create the publication and slot when missing. Turn off to run as a least-privilege role
    /// against pre-created ones; the relay then refuses to start when either is missing.
    /// </summary>
    public bool CreateSlotAndPublication { get; set; } = true;

    /// <summary>Debezium <c>route.topic.regex</c>, applied to <c>aggregatetype</c> (Java regex semantics: must match the whole value).</summary>
    public string RouteTopicRegex { get; set; } = Topics.RouteTopicRegex;

    /// <summary>Debezium <c>route.topic.replacement</c> (Java replacement syntax: <c>${name}</c>, <c>$1</c>, <c>\$</c>).</summary>
    public string RouteTopicReplacement { get; set; } = Topics.RouteTopicReplacement;

    /// <summary>Debezium <c>table.fields.additional.placement</c>: <c>column:header:alias,...</c>, in header order.</summary>
    public string AdditionalPlacement { get; set; } =
        $"type:header:{OutboxHeaders.EventType},sequence:header:{OutboxHeaders.Sequence}";

    /// <summary>How often the acknowledged LSN is confirmed to the slot (at most 1 s: bounds duplicates after a crash).</summary>
    public TimeSpan ConfirmInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the slot is checked (lag, <c>wal_status</c>), and after how long without outbox traffic a heartbeat is written.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a database host name that does not resolve (no such host) is retried before the
    /// relay has ever streamed; then it stops, naming <c>Relay:ConnectionString</c> (a misspelt host).
    /// Once it has streamed, an unknown host is retried like any outage.
    /// </summary>
    public TimeSpan UnknownHostPatience { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Rows per polling batch (polling mode).</summary>
    public int PollingBatchSize { get; set; } = 2000;

    /// <summary>Pause after an empty poll (polling mode).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// librdkafka producer settings applied over the relay's own (for example
    /// <c>Relay:Producer:linger.ms</c>). The guarantees' settings (idempotence, acks, partitioner)
    /// cannot be overridden.
    /// </summary>
    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);
}
