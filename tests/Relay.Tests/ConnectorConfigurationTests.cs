using System.Text.Json;
using Platform.Contracts;
using Platform.Persistence.Outbox;
using Platform.Relay.Configuration;
using Platform.Relay.Records;

namespace Relay.Tests;

/// <summary>
/// The Debezium connector configurations (connectors/*.json, the bodies of Connect's
/// <c>POST /connectors</c>) and their Strimzi twins (infra/k8s/connector-*.yaml) describe the same
/// records as the embedded relay's defaults: topic routing, key, value, headers, timestamp and
/// (through the key and the Java producer's default partitioner) partitioning. Pure file checks,
/// no I/O beyond reading them; whether Debezium really produces these records is for the
/// Debezium conformance run against a live Connect, which this does not replace.
/// </summary>
[Parallelizable]
public class ConnectorConfigurationTests
{
    private const string Router = "transforms.outbox.";

    // Debezium PostgreSQL snapshot.mode values that fit an outbox: no_data (2.6+, formerly "never")
    // streams from the pre-created slot; initial re-emits Retain-mode rows after a lost slot.
    // https://debezium.io/documentation/reference/stable/connectors/postgresql.html#postgresql-property-snapshot-mode
    private static readonly string[] AllowedSnapshotModes = ["no_data", "initial"];

    private static readonly RelayOptions Relay = new();

    private static IEnumerable<TestCaseData> Connectors() =>
        LoadConnectors().Select(c => new TestCaseData(c).SetArgDisplayNames(c.File));

    [TestCaseSource(nameof(Connectors))]
    public void every_connector_routes_topics_like_the_embedded_relay(ConnectorFile connector)
    {
        Assert.Multiple(() =>
        {
            Assert.That(connector.Config["transforms"], Is.EqualTo("outbox"));
            Assert.That(connector.Config[Router + "type"], Is.EqualTo("io.debezium.transforms.outbox.EventRouter"));
            Assert.That(connector.Config[Router + "route.by.field"], Is.EqualTo("aggregatetype"));
            Assert.That(connector.Config[Router + "route.topic.regex"], Is.EqualTo(Topics.RouteTopicRegex).And.EqualTo(Relay.RouteTopicRegex));
            Assert.That(connector.Config[Router + "route.topic.replacement"], Is.EqualTo(Topics.RouteTopicReplacement).And.EqualTo(Relay.RouteTopicReplacement));
        });
    }

    [TestCaseSource(nameof(Connectors))]
    public void every_conformance_case_lands_on_its_expected_topic_through_the_connector_routing(ConnectorFile connector)
    {
        var router = new TopicRouter(connector.Config[Router + "route.topic.regex"], connector.Config[Router + "route.topic.replacement"]);
        Assert.Multiple(() =>
        {
            foreach (var @case in ConformanceCases.Load())
            {
                Assert.That(router.Route(@case.Row.AggregateType), Is.EqualTo(@case.Expected.Topic), @case.Name);
            }
        });
    }

    [TestCaseSource(nameof(Connectors))]
    public void every_connector_places_the_same_headers_as_the_embedded_relay(ConnectorFile connector)
    {
        var placement = connector.Config[Router + "table.fields.additional.placement"];
        Assert.Multiple(() =>
        {
            Assert.That(placement, Is.EqualTo(Relay.AdditionalPlacement));
            Assert.That(AdditionalPlacement.ParseList(placement), Is.EqualTo(AdditionalPlacement.ParseList(Relay.AdditionalPlacement)));
            // EventRouter always names the event id header "id" (EventRouterDelegate.apply); the
            // column it reads is table.field.event.id.
            Assert.That(connector.Config[Router + "table.field.event.id"], Is.EqualTo("id"));
            Assert.That(OutboxHeaders.EventId, Is.EqualTo("id"));
            Assert.That(connector.Config["header.converter"], Is.EqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter"));
            Assert.That(connector.Config[Router + "tracing.span.context.field"], Is.EqualTo("tracingspancontext"));
            Assert.That(connector.Config["extended.headers.enabled"], Is.EqualTo("false"));
        });
    }

    [TestCaseSource(nameof(Connectors))]
    public void every_connector_keys_by_aggregate_id_and_passes_payload_bytes_unchanged(ConnectorFile connector)
    {
        Assert.Multiple(() =>
        {
            Assert.That(connector.Config[Router + "table.field.event.key"], Is.EqualTo("aggregateid"));
            Assert.That(connector.Config["key.converter"], Is.EqualTo("org.apache.kafka.connect.storage.StringConverter"));
            Assert.That(connector.Config[Router + "table.field.event.payload"], Is.EqualTo("payload"));
            Assert.That(connector.Config[Router + "table.expand.json.payload"], Is.EqualTo("false"));
            Assert.That(connector.Config["value.converter"], Is.AnyOf(
                "io.debezium.converters.BinaryDataConverter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
            Assert.That(connector.Config[Router + "table.field.event.timestamp"], Is.EqualTo("timestamp"));
            // Any "envelope" placement would wrap the payload in a struct (EventRouterDelegate), so no raw bytes.
            Assert.That(connector.Config[Router + "table.fields.additional.placement"], Does.Not.Contain(":envelope"));
        });
    }

    [TestCaseSource(nameof(Connectors))]
    public void every_connector_produces_idempotently_and_reads_only_the_outbox(ConnectorFile connector)
    {
        Assert.Multiple(() =>
        {
            Assert.That(connector.Config["producer.override.enable.idempotence"], Is.EqualTo("true"));
            Assert.That(connector.Config["producer.override.acks"], Is.EqualTo("all"));
            Assert.That(int.Parse(connector.Config["producer.override.max.in.flight.requests.per.connection"], System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 5));
            Assert.That(connector.Config["plugin.name"], Is.EqualTo("pgoutput"));
            Assert.That(connector.Config["table.include.list"], Is.EqualTo("public." + OutboxMigrations.Table));
            Assert.That(connector.Config["tombstones.on.delete"], Is.EqualTo("false"));
            Assert.That(connector.Config["snapshot.mode"], Is.AnyOf(AllowedSnapshotModes));
            Assert.That(connector.Config["publication.autocreate.mode"], Is.EqualTo("disabled"));
            Assert.That(connector.Config["heartbeat.action.query"], Does.Contain("pg_logical_emit_message"));
            Assert.That(connector.Name, Is.EqualTo(connector.Config["database.dbname"] + "-outbox"));
        });
    }

    [TestCaseSource(nameof(Connectors))]
    public void no_connector_holds_a_literal_secret(ConnectorFile connector)
    {
        var secrets = connector.Config.Where(kv => new[] { "password", "secret", "sasl.jaas" }.Any(s => kv.Key.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.That(secrets, Is.Not.Empty, "database.password at least is expected");
        Assert.Multiple(() =>
        {
            foreach (var (key, value) in secrets)
            {
                Assert.That(value, Does.StartWith("${file:").Or.StartWith("${env:"), key);
            }
        });
    }

    [Test]
    public void slot_names_are_unique_across_connectors_because_slots_are_cluster_wide()
    {
        var connectors = LoadConnectors();
        Assert.That(connectors.Select(c => c.File), Is.EquivalentTo(new[] { "inventory.json", "orders.json", "payments.json" }));
        Assert.That(connectors.Select(c => c.Config["slot.name"]), Is.Unique);
        Assert.That(connectors.Select(c => c.Config["topic.prefix"]), Is.Unique);
        Assert.That(connectors.Select(c => c.Config["slot.name"]), Has.None.EqualTo(Relay.SlotName), "Debezium must not share the embedded relay's slot");
    }

    [TestCaseSource(nameof(Connectors))]
    public void the_strimzi_connector_carries_the_same_config_as_the_json_file(ConnectorFile connector)
    {
        var yamlPath = Path.Combine(AppContext.BaseDirectory, "k8s", $"connector-{Path.GetFileNameWithoutExtension(connector.File)}.yaml");
        Assert.That(File.Exists(yamlPath), Is.True, $"{yamlPath} is missing: run infra/k8s/generate-connectors.sh");
        var yaml = StrimziConnector.Parse(File.ReadAllLines(yamlPath));
        var expected = connector.Config
            .Where(kv => kv.Key is not "connector.class" and not "tasks.max")
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(yaml.Name, Is.EqualTo(connector.Name));
            Assert.That(yaml.Class, Is.EqualTo(connector.Config["connector.class"]));
            Assert.That(yaml.TasksMax, Is.EqualTo(connector.Config["tasks.max"]));
            Assert.That(yaml.Config, Is.EquivalentTo(expected), "rerun infra/k8s/generate-connectors.sh");
        });
    }

    private static List<ConnectorFile> LoadConnectors()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "connectors");
        return Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(ConnectorFile.Load).ToList();
    }
}

/// <summary>One connectors/*.json file: <c>{"name": ..., "config": {...}}</c>.</summary>
public sealed record ConnectorFile(string File, string Name, IReadOnlyDictionary<string, string> Config)
{
    /// <summary>Reads a connector file; every config value must be a JSON string, as Connect's REST API expects.</summary>
    public static ConnectorFile Load(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var root = document.RootElement;
        var config = root.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new ConnectorFile(Path.GetFileName(path), root.GetProperty("name").GetString()!, config);
    }

    /// <inheritdoc />
    public override string ToString() => File;
}

/// <summary>
/// Reads the few fields of a generated KafkaConnector resource (no YAML library restores here):
/// <c>metadata.name</c>, <c>spec.class</c>, <c>spec.tasksMax</c> and the <c>"key": "value"</c> lines
/// under <c>spec.config</c>, whose JSON-quoted scalars are valid YAML.
/// </summary>
internal sealed record StrimziConnector(string? Name, string? Class, string? TasksMax, Dictionary<string, string> Config)
{
    public static StrimziConnector Parse(IEnumerable<string> lines)
    {
        string? name = null, @class = null, tasksMax = null;
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var inConfig = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("  name: ", StringComparison.Ordinal)) { name = line["  name: ".Length..].Trim(); }
            else if (line.StartsWith("  class: ", StringComparison.Ordinal)) { @class = line["  class: ".Length..].Trim(); }
            else if (line.StartsWith("  tasksMax: ", StringComparison.Ordinal)) { tasksMax = line["  tasksMax: ".Length..].Trim(); }
            else if (line == "  config:") { inConfig = true; }
            else if (inConfig && line.StartsWith("    \"", StringComparison.Ordinal))
            {
                var separator = line.IndexOf("\": \"", StringComparison.Ordinal);
                config[JsonSerializer.Deserialize<string>(line[4..(separator + 1)])!] = JsonSerializer.Deserialize<string>(line[(separator + 3)..])!;
            }
            else if (inConfig) { inConfig = false; }
        }

        return new StrimziConnector(name, @class, tasksMax, config);
    }
}
