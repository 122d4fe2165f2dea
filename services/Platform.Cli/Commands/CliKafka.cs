using Platform.Replay;

namespace Platform.Cli.Commands;

/// <summary>Where the CLI finds Kafka: the option, else <c>Kafka__BootstrapServers</c> (configuration key <c>Kafka:BootstrapServers</c>).</summary>
internal static class CliKafka
{
    public static string BootstrapServers(string? option) =>
        option ?? Environment.GetEnvironmentVariable("Kafka__BootstrapServers")
        ?? throw new ReplayException(ReplayExitCode.BadInput, "Give --bootstrap-servers or set Kafka__BootstrapServers.");
}
