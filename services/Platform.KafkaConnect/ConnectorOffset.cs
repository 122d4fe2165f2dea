using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.KafkaConnect;

/// <summary>
/// One entry of <c>offsets</c> in KIP-875's <c>GET/PATCH /connectors/{name}/offsets</c>. For a Debezium
/// Postgres connector the partition is <c>{"server": "..."}</c> and the offset holds <c>lsn</c>.
/// </summary>
/// <param name="Partition">The source partition.</param>
/// <param name="Offset">The offset within it.</param>
public sealed record ConnectorOffset(
    [property: JsonPropertyName("partition")] JsonObject Partition,
    [property: JsonPropertyName("offset")] JsonObject? Offset);
