using Bench.Reporting;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.Api.Infrastructure;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Orders.Benchmarks;

/// <summary>Fresh databases with the Orders schema, so pgbench and the API write the same tables, indexes and trigger.</summary>
internal static class BenchmarkDatabase
{
    /// <summary>Creates <paramref name="name"/>, migrated and in DeleteAfterInsert mode; returns its connection string.</summary>
    public static async Task<string> CreateAsync(string adminConnectionString, string name, CancellationToken cancellationToken)
    {
        // The cluster is the benchmark's own throwaway one: the name is new.
        var connectionString = await BenchDatabase.CreateAsync(adminConnectionString, name, cancellationToken);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString, OrdersMigrations.All, cancellationToken);
        await OutboxCleanup.ApplyAsync(connectionString, OutboxCleanupMode.DeleteAfterInsert, cancellationToken);
        return connectionString;
    }
}
