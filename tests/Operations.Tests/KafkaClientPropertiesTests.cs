using System.Collections;
using Confluent.Kafka;
using Platform.Kafka.Clients;
using Platform.Operations;
using Platform.Operations.Replay;

namespace Operations.Tests;

/// <summary>
/// Covers: the operator's librdkafka properties (<c>Kafka__Properties__{name}</c> environment
/// variables, the services' <c>Kafka:Properties</c>) reach the CLI's and dashboard's Kafka
/// clients, a property librdkafka refuses is bad input naming it, and the tool's own settings
/// (group, commits) win over them. Does not cover: a
/// secured cluster (the mock cluster has no SASL; the services' clients are covered by
/// Messaging.Tests' KafkaClientPropertiesTests).
/// </summary>
public sealed class KafkaClientPropertiesTests
{
    [Test]
    public void only_prefixed_environment_variables_are_properties_and_the_prefix_is_dropped()
    {
        var variables = new Hashtable
        {
            ["Kafka__Properties__security.protocol"] = "SASL_SSL",
            ["Kafka__Properties__sasl.password"] = "secret",
            ["Kafka__BootstrapServers"] = "kafka:9092",
            ["Kafka__Properties__"] = "nameless",
            ["PATH"] = "/usr/bin",
        };

        var properties = KafkaClientProperties.From(variables);

        Assert.That(properties, Is.EquivalentTo(new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["sasl.password"] = "secret" }));
    }

    [Test]
    public void a_property_librdkafka_refuses_is_bad_input_naming_it()
    {
        var misspelled = new Dictionary<string, string> { ["sasl.pasword"] = "secret" };

        var refused = Assert.Throws<ReplayException>(() => KafkaClientProperties.Checked(misspelled))!;

        Assert.That(refused.Code, Is.EqualTo(ReplayExitCode.BadInput));
        Assert.That(refused.Message, Does.Contain("sasl.pasword").And.Contain(KafkaClientProperties.EnvironmentPrefix).And.Not.Contain("secret"));
        Assert.That(KafkaClientProperties.Checked(new Dictionary<string, string> { ["client.rack"] = "r1" }), Has.Count.EqualTo(1));
    }

    [Test]
    public void operator_properties_are_added_and_the_tools_own_settings_win()
    {
        var properties = new Dictionary<string, string>
        {
            ["sasl.username"] = "replayer",
            ["group.id"] = "payments",
            ["enable.auto.commit"] = "true",
        };

        var config = KafkaClientProperties.Apply(new ConsumerConfig { GroupId = "replay-1", EnableAutoCommit = false }, properties);

        Assert.That((config.SaslUsername, config.GroupId, config.EnableAutoCommit), Is.EqualTo(("replayer", "replay-1", (bool?)false)));
    }

    [Test]
    [NonParallelizable]
    public void the_replay_consumer_takes_the_properties_from_the_process_environment()
    {
        // client.rack: harmless to any other client of this process that reads the variable meanwhile.
        const string Variable = "Kafka__Properties__client.rack";
        Environment.SetEnvironmentVariable(Variable, "rack-under-test");
        try
        {
            var config = ReplayReaderConfig.Create("kafka:9092");

            Assert.That((config.ClientRack, config.EnableAutoCommit), Is.EqualTo(("rack-under-test", (bool?)false)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }
}
