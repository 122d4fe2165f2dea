using System.Text.RegularExpressions;

namespace Architecture.Tests;

/// <summary>
/// Where two kinds of code may live, read from the IL of every production assembly: SQL on the
/// outbox and inbox tables (string literals), and Kafka client configurations (constructor calls).
/// Each failure names the type and method.
/// </summary>
public partial class PlacementTests
{
    private static readonly string[] ConfigTypes =
        ["Confluent.Kafka.ClientConfig", "Confluent.Kafka.ConsumerConfig", "Confluent.Kafka.ProducerConfig", "Confluent.Kafka.AdminClientConfig"];

    /// <summary>
    /// The outbox and inbox tables carry the delivery guarantees: only Platform.Persistence (its
    /// OutboxStore, InboxStore, migrations and interceptor) runs SQL on them.
    /// </summary>
    [Test]
    public void only_platform_persistence_runs_sql_on_the_outbox_and_inbox_tables()
    {
        var offending = ProductionAssemblies.All.Where(p => p != "Platform.Persistence")
            .SelectMany(p => MethodIl.StringLiterals(ProductionAssemblies.PathOf(p)))
            .Where(l => OutboxOrInboxSql().IsMatch(l.Literal))
            .Select(l => $"{l.Method}: {l.Literal.ReplaceLineEndings(" ")}");
        Assert.That(offending, Is.Empty);
    }

    /// <summary>Every producer, consumer and admin client of the platform gets its settings from Platform.Kafka.</summary>
    [Test]
    public void only_platform_kafka_builds_kafka_client_configurations()
    {
        var offending = ProductionAssemblies.All.Where(p => p != "Platform.Kafka")
            .SelectMany(p => MethodIl.Constructions(ProductionAssemblies.PathOf(p)))
            .Where(c => ConfigTypes.Contains(c.ConstructedType))
            .Select(c => $"{c.Method} constructs {c.ConstructedType}");
        Assert.That(offending, Is.Empty);
    }

    /// <summary>The scanner itself: it finds what the rules look for where it is known to be.</summary>
    [Test]
    public void the_scanner_finds_outbox_sql_in_persistence_and_client_configurations_in_kafka()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MethodIl.StringLiterals(ProductionAssemblies.PathOf("Platform.Persistence")).Where(l => OutboxOrInboxSql().IsMatch(l.Literal)), Is.Not.Empty);
            Assert.That(MethodIl.Constructions(ProductionAssemblies.PathOf("Platform.Kafka")).Where(c => ConfigTypes.Contains(c.ConstructedType)), Is.Not.Empty);
        });
    }

    // SQL as this codebase writes it (keywords in capitals), so that prose about "turning events
    // into outbox rows" in documentation strings is not taken for a statement.
    [GeneratedRegex(@"\b(FROM|INTO|UPDATE|JOIN|TABLE)\s+(ONLY\s+)?(""?public""?\.)?""?(outbox|inbox)\b")]
    private static partial Regex OutboxOrInboxSql();
}
