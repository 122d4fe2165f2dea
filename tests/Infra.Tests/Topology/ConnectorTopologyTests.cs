using System.Text.RegularExpressions;
using Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Infra.Tests.Topology;

/// <summary>
/// The connector files against the rest of the topology: config providers both Connect workers
/// declare, the slots and publication infra/postgres creates, the converters the record contract
/// needs, the topics Connect may create, and one Debezium version everywhere.
/// </summary>
[Parallelizable]
public partial class ConnectorTopologyTests
{
    private static IEnumerable<TestCaseData> Connectors() => Repository.Connectors.Select(c => new TestCaseData(c).SetArgDisplayNames(c.File));

    /// <summary>
    /// Secrets reach connectors only as ${provider:...} references, through providers that compose's and
    /// Strimzi's workers both declare; every ${env:VAR} is allow-listed and set in both workers.
    /// </summary>
    [TestCaseSource(nameof(Connectors))]
    public void a_connector_reads_secrets_only_through_providers_both_workers_declare(ConnectorFile connector)
    {
        var compose = Repository.Environment("connect");
        var strimzi = Repository.Strimzi("KafkaConnect").Single().Map("spec");
        var strimziConfig = strimzi.Map("config").Scalars();
        var strimziEnv = strimzi.Map("template").Map("connectContainer").Seq("env").Cast<YamlMappingNode>().Select(e => e.Text("name")).ToHashSet();
        var shared = compose["CONNECT_CONFIG_PROVIDERS"].Split(',').Intersect(strimziConfig["config.providers"].Split(',')).ToHashSet();
        var references = connector.Config.Values.SelectMany(v => ProviderReference().Matches(v)).ToList();
        var secrets = connector.Config.Where(kv => new[] { "password", "secret", "sasl.jaas" }.Any(s => kv.Key.Contains(s, StringComparison.OrdinalIgnoreCase)));

        Assert.Multiple(() =>
        {
            Assert.That(shared, Does.Contain("env").And.Contain("file"));
            Assert.That(compose["CONNECT_CONFIG_PROVIDERS_FILE_CLASS"], Is.EqualTo(strimziConfig["config.providers.file.class"]));
            Assert.That(secrets, Is.Not.Empty, "database.password at least");
            foreach (var (key, value) in secrets)
            {
                Assert.That(ProviderReference().Match(value).Value, Is.EqualTo(value), $"{key} is not a config-provider reference");
            }

            foreach (var reference in references)
            {
                Assert.That(shared, Does.Contain(reference.Groups["provider"].Value), $"{reference.Value}: a provider both workers declare");
                if (reference.Groups["provider"].Value == "env")
                {
                    var variable = reference.Groups["key"].Value;
                    Assert.That(variable, Does.Match(compose["CONNECT_CONFIG_PROVIDERS_ENV_PARAM_ALLOWLIST_PATTERN"]), $"{variable}: allow-listed in compose");
                    Assert.That(variable, Does.Match(strimziConfig["config.providers.env.param.allowlist.pattern"]), $"{variable}: allow-listed in Strimzi");
                    Assert.That(compose.Keys, Does.Contain(variable), $"{variable}: set in compose's connect");
                    Assert.That(strimziEnv, Does.Contain(variable), $"{variable}: set in Strimzi's connect container");
                }
            }
        });
    }

    /// <summary>Each connector reads the slot and publication that infra/postgres creates in its database before any service writes.</summary>
    [TestCaseSource(nameof(Connectors))]
    public void a_connector_reads_the_slot_and_publication_infra_postgres_creates(ConnectorFile connector)
    {
        var capture = Repository.Read("infra", "postgres", "sql", "20-outbox-capture.sql");
        var init = Repository.Read("infra", "postgres", "init", "10-platform.sh");
        var captured = CaptureLoop().Match(init).Groups["dbs"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var database = connector.Config["database.dbname"];

        Assert.Multiple(() =>
        {
            Assert.That(captured, Does.Contain(database), "10-platform.sh runs 20-outbox-capture.sql in this database");
            Assert.That(capture, Does.Contain($"CREATE PUBLICATION {connector.Config["publication.name"]} "));
            Assert.That(capture, Does.Contain("pg_create_logical_replication_slot('debezium_' || :'service', 'pgoutput')"));
            Assert.That(connector.Config["slot.name"], Is.EqualTo("debezium_" + database));
            Assert.That(connector.Config["plugin.name"], Is.EqualTo("pgoutput"));
            Assert.That(connector.Config["publication.autocreate.mode"], Is.EqualTo("disabled"));
        });
    }

    /// <summary>PostgresConnector with the converters the record contract is written for: text keys, bytes values, plain-text headers.</summary>
    [TestCaseSource(nameof(Connectors))]
    public void a_connector_converts_as_the_record_contract_needs(ConnectorFile connector)
    {
        Assert.Multiple(() =>
        {
            Assert.That(connector.Config["connector.class"], Is.EqualTo("io.debezium.connector.postgresql.PostgresConnector"));
            Assert.That(connector.Config["key.converter"], Is.EqualTo("org.apache.kafka.connect.storage.StringConverter"));
            Assert.That(connector.Config["value.converter"], Is.EqualTo("io.debezium.converters.BinaryDataConverter"));
            Assert.That(connector.Config["header.converter"], Is.EqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter"));
            Assert.That(connector.Config["extended.headers.enabled"], Is.EqualTo("false"), "no __debezium.context.* headers (Debezium 3.3+)");
        });
    }

    /// <summary>
    /// Connect may create a topic a connector writes that does not exist (KIP-158): an event topic only with
    /// Topics.Partitions partitions, anything else (Debezium's heartbeat topic) with the default group.
    /// </summary>
    [TestCaseSource(nameof(Connectors))]
    public void a_connector_creates_missing_event_topics_only_with_the_contract_partition_count(ConnectorFile connector)
    {
        var include = new Regex($"^(?:{connector.Config["topic.creation.events.include"]})$");

        Assert.Multiple(() =>
        {
            Assert.That(connector.Config["topic.creation.groups"], Is.EqualTo("events"));
            Assert.That(connector.Config["topic.creation.events.partitions"], Is.EqualTo(Topics.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Topics.All.Where(t => !include.IsMatch(t)), Is.Empty, "every event topic is in the events group");
            Assert.That(ConsumerGroups.All.Select(g => g + ".dlq").Append("__debezium-heartbeat." + connector.Config["topic.prefix"]).Where(t => include.IsMatch(t)), Is.Empty);
            Assert.That(connector.Config.Keys, Does.Contain("topic.creation.default.partitions").And.Contain("topic.creation.default.replication.factor"));
        });
    }

    /// <summary>One Debezium version: compose's build argument, the Dockerfile's default, the image tag, and the version connectors/README.md says the contract is verified for.</summary>
    [Test]
    public void one_debezium_version_is_pinned_across_compose_the_connect_image_and_the_runbook()
    {
        var dockerfile = Repository.Read("infra", "connect", "Dockerfile");

        Assert.Multiple(() =>
        {
            Assert.That(Versions.Debezium, Does.Match(@"^3\.\d+\.\d+\.Final$"));
            Assert.That(dockerfile, Does.Contain($"ARG DEBEZIUM_VERSION={Versions.Debezium}\n"));
            Assert.That(Repository.Service("connect").Text("image"), Does.EndWith(":" + Versions.Debezium));
            Assert.That(Repository.Read("connectors", "README.md"), Does.Contain($"Debezium {Versions.Debezium}").And.Contain($"Kafka {Versions.Kafka}"));
        });
    }

    [GeneratedRegex(@"\$\{(?<provider>[^:}]+):(?:(?<path>[^:}]*):)?(?<key>[^:}]*)\}")]
    private static partial Regex ProviderReference();

    [GeneratedRegex(@"for service in (?<dbs>[a-z ]+); do\s+run --dbname ""\$service"" -v service=""\$service"" -f ""\$sql""/20-outbox-capture\.sql")]
    private static partial Regex CaptureLoop();
}
