using Platform.Contracts;
using Platform.Persistence.Outbox;
using Platform.Relay.Configuration;
using Platform.Relay.Records;

namespace Relay.Tests;

/// <summary>
/// The Debezium connector configurations (connectors/*.json, the bodies of Connect's
/// <c>POST /connectors</c>) describe the same records as the embedded relay's defaults: topic
/// routing, key, value, headers, timestamp and (through the key and the Java producer's default
/// partitioner) partitioning. Pure file checks, no I/O beyond reading them; whether Debezium really
/// produces these records is for the Debezium conformance run against a live Connect, which this
/// does not replace. Their agreement with compose and Strimzi is checked in tests/Infra.Tests.
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
            // Debezium's BinaryDataConverter: BYTES pass through; heartbeat records (a Struct value, left
            // untouched by the router) go to its JSON delegate, which Kafka's ByteArrayConverter would refuse.
            Assert.That(connector.Config["value.converter"], Is.EqualTo("io.debezium.converters.BinaryDataConverter"));
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

    private static IReadOnlyList<ConnectorFile> LoadConnectors() => ConnectorFile.LoadAll(Path.Combine(AppContext.BaseDirectory, "connectors"));
}
