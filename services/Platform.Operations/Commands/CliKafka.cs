using Platform.Kafka.Clients;
using Platform.Operations;

namespace Platform.Operations.Commands;

/// <summary>
/// Where the CLI finds Kafka: the option, else <c>Kafka__BootstrapServers</c> (configuration key
/// <c>Kafka:BootstrapServers</c>). The operator's client properties (<c>Kafka__Properties__*</c>)
/// are checked here too, so that a command refuses a bad one at its start (the dashboard would
/// otherwise build its first client on the first page request).
/// </summary>
public static class CliKafka
{
    public static string BootstrapServers(string? option)
    {
        var servers = option ?? Environment.GetEnvironmentVariable("Kafka__BootstrapServers")
            ?? throw new ReplayException(ReplayExitCode.BadInput, "Give --bootstrap-servers or set Kafka__BootstrapServers.");
        KafkaClientProperties.FromEnvironment();
        return servers;
    }
}
