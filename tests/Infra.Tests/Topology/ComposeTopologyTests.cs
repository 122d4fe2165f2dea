using System.Text.RegularExpressions;
using Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Infra.Tests.Topology;

/// <summary>
/// infra/compose.yaml read with a YAML parser: current images, every platform topic declared with
/// the partition count the services assume, and a Connect image that contains what its entrypoint
/// loads. File checks only: no container runs here, so whether the stack starts is not proven.
/// </summary>
[Parallelizable]
public class ComposeTopologyTests
{
    /// <summary>Kafka 4 (KRaft), PostgreSQL 17, and kafbat's Kafka UI, the maintained successor of provectus'.</summary>
    [Test]
    public void compose_runs_kafka_4_postgres_17_and_the_maintained_kafka_ui()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Image("kafka"), Does.Match(@"^apache/kafka:4\.\d+\.\d+$"));
            Assert.That(Image("topics"), Is.EqualTo(Image("kafka")), "the topics job runs the broker's own tools");
            Assert.That(Image("postgres"), Does.Match(@"^postgres:17\.\d+$"));
            Assert.That(Image("kafka-ui"), Does.StartWith("ghcr.io/kafbat/kafka-ui:"));
            Assert.That(Repository.Environment("kafka")["KAFKA_PROCESS_ROLES"], Is.EqualTo("broker,controller"));
        });
    }

    /// <summary>
    /// The topics job creates exactly the event topics and dead-letter topics the services use, with
    /// Topics.Partitions partitions, before Connect or any service starts; the broker creates none on its own.
    /// </summary>
    [Test]
    public void compose_declares_every_event_and_dead_letter_topic_with_the_contract_partition_count()
    {
        var topics = Repository.Environment("topics");
        var declared = Words(topics["EVENT_TOPICS"]).Concat(Words(topics["DEAD_LETTER_TOPICS"]));
        // depends_on in its long form (a mapping with conditions); the short form is a list of names.
        var waitingForTopics = Repository.Compose.Map("services").Children
            .Where(s => s.Value is YamlMappingNode service && service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var on)
                && on is YamlMappingNode conditions && conditions.Has("topics"))
            .Select(s => ((YamlScalarNode)s.Key).Value);

        Assert.Multiple(() =>
        {
            Assert.That(declared, Is.EquivalentTo(Repository.PlatformTopics));
            Assert.That(Words(topics["EVENT_TOPICS"]), Is.EquivalentTo(Topics.All));
            Assert.That(int.Parse(topics["TOPIC_PARTITIONS"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Topics.Partitions));
            Assert.That(Repository.Environment("kafka")["KAFKA_AUTO_CREATE_TOPICS_ENABLE"], Is.EqualTo("false"), "no topic gets the broker's default partition count");
            Assert.That(Repository.Environment("kafka").Keys, Has.None.EqualTo("KAFKA_NUM_PARTITIONS"), "the partition count is one setting, the topics job's");
            Assert.That(Repository.Service("topics").Map("depends_on").Map("kafka").Text("condition"), Is.EqualTo("service_healthy"));
            Assert.That(waitingForTopics, Is.SupersetOf(new[] { "connect", "orders-api", "payments", "inventory", "notifications" }));
            Assert.That(Repository.Service("connect").Map("depends_on").Map("topics").Text("condition"), Is.EqualTo("service_completed_successfully"));
        });
    }

    /// <summary>
    /// ENABLE_JMX_EXPORTER makes Debezium's entrypoint (set -e) load $KAFKA_HOME/libs/jmx_prometheus_javaagent*.jar
    /// with $KAFKA_HOME/config/metrics.yaml: the Connect image is built with both, and Prometheus scrapes its port.
    /// </summary>
    [Test]
    public void compose_builds_connect_with_the_jmx_agent_its_entrypoint_loads()
    {
        var connect = Repository.Service("connect");
        var dockerfile = Repository.Read("infra", "connect", "Dockerfile");
        var metrics = YamlNodes.Load(Repository.PathOf("infra", "connect", "metrics.yaml")).Single();
        var scrape = YamlNodes.Load(Repository.PathOf("infra", "prometheus", "prometheus.yml")).Single().Seq("scrape_configs")
            .Cast<YamlMappingNode>().Single(j => j.Text("job_name") == "kafka-connect");

        Assert.Multiple(() =>
        {
            Assert.That(Repository.Environment("connect")["ENABLE_JMX_EXPORTER"], Is.EqualTo("true"));
            Assert.That(connect.Map("build").Text("context"), Is.EqualTo("connect"), "built from infra/connect/Dockerfile, not the stock image");
            Assert.That(dockerfile, Does.Match(@"(?m)^FROM quay\.io/debezium/connect:\$\{DEBEZIUM_VERSION\}$"));
            Assert.That(dockerfile, Does.Match(@"-o ""\$KAFKA_HOME/libs/jmx_prometheus_javaagent-\$\{JMX_EXPORTER_VERSION\}\.jar"""));
            Assert.That(dockerfile, Does.Contain("sha256sum -c -"), "the downloaded agent is checked against a pinned checksum");
            Assert.That(dockerfile, Does.Match(@"(?m)^COPY --chown=kafka:kafka metrics\.yaml /kafka/config\.orig/metrics\.yaml$"),
                "the entrypoint copies config.orig into the config volume before starting Connect");
            Assert.That(metrics.Seq("rules"), Is.Not.Empty);
            Assert.That(scrape.Seq("static_configs").Cast<YamlMappingNode>().SelectMany(c => c.Seq("targets")).Select(t => ((YamlScalarNode)t).Value), Does.Contain("connect:9404"));
        });
    }

    private static string Image(string service) => Repository.Service(service).Text("image");

    private static string[] Words(string text) => Regex.Split(text.Trim(), @"\s+");
}
