using Npgsql;

namespace Bench.Reporting;

/// <summary>A fresh database per measurement, on the benchmark's own throwaway cluster.</summary>
public static class BenchDatabase
{
    /// <summary>Creates database <paramref name="name"/> through <paramref name="adminConnectionString"/>; returns its connection string.</summary>
    public static async Task<string> CreateAsync(string adminConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }
}
