using Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Infra.Tests.Topology;

/// <summary>
/// infra/k8s read with a YAML parser: Strimzi's v1 API, connectors that carry exactly their
/// connectors/*.json file, the platform's topics declared with the contract's partition count, and
/// the same Kafka and Debezium versions as compose. Not applied to a cluster: none runs here.
/// </summary>
[Parallelizable]
public class StrimziTopologyTests
{
    private static IEnumerable<TestCaseData> Connectors() => Repository.Connectors.Select(c => new TestCaseData(c).SetArgDisplayNames(c.File));

    /// <summary>Strimzi 1.0 and later accept only v1; v1 takes Connect's group and storage topics as spec fields.</summary>
    [Test]
    public void every_strimzi_resource_uses_the_v1_api()
    {
        var resources = Repository.Kubernetes.Where(r => r.Text("apiVersion").StartsWith("kafka.strimzi.io/", StringComparison.Ordinal)).ToList();
        var connect = Repository.Strimzi("KafkaConnect").Single();

        Assert.Multiple(() =>
        {
            Assert.That(resources.Select(r => r.Text("kind")).Distinct(), Is.EquivalentTo(new[] { "KafkaConnect", "KafkaConnector", "KafkaTopic" }));
            Assert.That(resources.Select(r => $"{r.Text("kind")} {r.Map("metadata").Text("name")}: {r.Text("apiVersion")}"), Has.All.EndWith(": kafka.strimzi.io/v1"));
            Assert.That(connect.Map("spec").Text("replicas"), Is.EqualTo("1"), "required in v1");
            foreach (var field in new[] { "groupId", "configStorageTopic", "offsetStorageTopic", "statusStorageTopic" })
            {
                Assert.That(connect.Map("spec").Has(field), Is.True, $"v1 KafkaConnect needs spec.{field}");
            }

            Assert.That(connect.Map("spec").Map("config").Scalars().Keys, Has.None.AnyOf("group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic"));
        });
    }

    /// <summary>Each KafkaConnector is its connector file: name, class, tasks.max, every other key and value, on the KafkaConnect of this repository.</summary>
    [TestCaseSource(nameof(Connectors))]
    public void each_strimzi_connector_carries_its_connector_file(ConnectorFile connector)
    {
        var resource = Repository.Strimzi("KafkaConnector").SingleOrDefault(r => r.Map("metadata").Text("name") == connector.Name);
        Assert.That(resource, Is.Not.Null, $"no KafkaConnector {connector.Name}: run infra/k8s/generate-connectors.sh");
        var spec = resource!.Map("spec");
        var expected = connector.Config.Where(kv => kv.Key is not "connector.class" and not "tasks.max").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(resource.Map("metadata").Map("labels").Text("strimzi.io/cluster"), Is.EqualTo(Repository.Strimzi("KafkaConnect").Single().Map("metadata").Text("name")));
            Assert.That(spec.Text("class"), Is.EqualTo(connector.Config["connector.class"]));
            Assert.That(spec.Text("tasksMax"), Is.EqualTo(connector.Config["tasks.max"]));
            Assert.That(spec.Map("config").Scalars(), Is.EquivalentTo(expected), "rerun infra/k8s/generate-connectors.sh");
        });
    }

    /// <summary>Every event topic and dead-letter topic the services use is a KafkaTopic of the Kafka cluster, with Topics.Partitions partitions.</summary>
    [Test]
    public void strimzi_declares_every_event_and_dead_letter_topic_with_the_contract_partition_count()
    {
        var topics = Repository.Strimzi("KafkaTopic").ToList();
        // Strimzi names a cluster's bootstrap service "<cluster>-kafka-bootstrap".
        var bootstrap = Repository.Strimzi("KafkaConnect").Single().Map("spec").Text("bootstrapServers").Split(':')[0];
        Assert.That(bootstrap, Does.EndWith("-kafka-bootstrap"));
        var cluster = bootstrap[..^"-kafka-bootstrap".Length];

        Assert.Multiple(() =>
        {
            Assert.That(topics.Select(TopicName), Is.EquivalentTo(Repository.PlatformTopics));
            Assert.That(topics.Select(t => t.Map("spec").Text("partitions")), Has.All.EqualTo(Topics.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(topics.Select(t => t.Map("metadata").Map("labels").Text("strimzi.io/cluster")), Has.All.EqualTo(cluster), "the Kafka cluster Connect bootstraps from");
        });
    }

    /// <summary>The Strimzi Connect runs compose's Kafka version and builds in the Debezium plugin version compose's Connect image has.</summary>
    [Test]
    public void strimzi_connect_runs_the_kafka_and_debezium_versions_compose_runs()
    {
        var spec = Repository.Strimzi("KafkaConnect").Single().Map("spec");
        var artifact = spec.Map("build").Seq("plugins").Cast<YamlMappingNode>().Single().Seq("artifacts").Cast<YamlMappingNode>().Single().Text("url");
        var debezium = Versions.Debezium;

        Assert.Multiple(() =>
        {
            Assert.That(spec.Text("version"), Is.EqualTo(Versions.Kafka), "KafkaConnect spec.version = compose's apache/kafka tag");
            Assert.That(artifact, Does.EndWith($"/io/debezium/debezium-connector-postgres/{debezium}/debezium-connector-postgres-{debezium}-plugin.tar.gz"));
            Assert.That(spec.Map("build").Map("output").Text("image"), Does.EndWith(debezium));
        });
    }

    private static string TopicName(YamlMappingNode topic) => topic.Map("spec").TextOrNull("topicName") ?? topic.Map("metadata").Text("name");
}
