namespace Infra.Tests.Topology;

/// <summary>The versions compose pins, read from the files: the single source the other files are checked against.</summary>
internal static class Versions
{
    /// <summary>apache/kafka's tag in infra/compose.yaml.</summary>
    public static string Kafka { get; } = Repository.Service("kafka").Text("image").Split(':')[1];

    /// <summary>The Debezium version compose builds Connect from (infra/connect/Dockerfile's DEBEZIUM_VERSION).</summary>
    public static string Debezium { get; } = Repository.Service("connect").Map("build").Map("args").Text("DEBEZIUM_VERSION");
}
