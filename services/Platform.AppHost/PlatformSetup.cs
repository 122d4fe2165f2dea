using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Api.Security;
using Payments.Worker.Infrastructure;
using Inventory.Worker.Infrastructure;
using Orders.Api.Infrastructure;
using Platform.Persistence.Migrations;

namespace Platform.AppHost;

/// <summary>
/// What every way of running the platform on one machine shares, whether its services run in one
/// process (<see cref="LocalPlatform"/>) or each in its own (the fault-injection harness): the
/// service databases and their schemas, the relays' slot names, and each service's own settings.
/// </summary>
public static class PlatformSetup
{
    /// <summary>The services, each with its own database.</summary>
    public static readonly IReadOnlyList<string> Services = ["orders", "payments", "inventory", "notifications"];

    /// <summary>The databases that write events, each streamed by its own relay.</summary>
    public static readonly IReadOnlyList<string> EventSources = ["orders", "payments", "inventory"];

    /// <summary>
    /// Creates the missing service databases (<paramref name="prefix"/> + service) and applies
    /// their migrations; returns their connection strings by service. Run before any relay starts:
    /// a relay's publication needs the outbox table.
    /// </summary>
    public static async Task<Dictionary<string, string>> PrepareDatabasesAsync(string admin, string prefix, CancellationToken cancellationToken)
    {
        var databases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            databases[service] = await EnsureDatabaseAsync(admin, prefix + service, cancellationToken);
        }

        var migrator = new SchemaMigrator(NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(databases["orders"], OrdersMigrations.All, cancellationToken);
        await migrator.MigrateAsync(databases["payments"], PaymentsMigrations.All, cancellationToken);
        await migrator.MigrateAsync(databases["inventory"], InventoryMigrations.All, cancellationToken);
        return databases;
    }

    /// <summary>The relay's replication slot of <paramref name="database"/> (slots are cluster-wide, so the prefix is part of it).</summary>
    public static string SlotName(string prefix, string database) => $"outbox_relay_{prefix}{database}".Replace('-', '_').ToLowerInvariant();

    /// <summary>
    /// Returns once <paramref name="slot"/> exists. A slot streams only WAL written after it
    /// exists, so services that write events start only after their relay's slot is there.
    /// </summary>
    public static async Task WaitForSlotAsync(string admin, string slot, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", connection) { Parameters = { new() { Value = slot } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The relay did not create replication slot {slot} within 60 s; see its log.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The relay's own settings for one database.</summary>
    public static Dictionary<string, string?> RelaySettings(string connectionString, string bootstrapServers, string slot) => new()
    {
        ["Relay:ConnectionString"] = connectionString,
        ["Relay:BootstrapServers"] = bootstrapServers,
        ["Relay:SlotName"] = slot,
    };

    /// <summary>The Orders service's own settings: its database, the one API client and, when given, one operator.</summary>
    public static Dictionary<string, string?> OrdersSettings(
        string connectionString, string apiClient, string apiKey, (string Name, string Key)? @operator = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = connectionString,
            [$"Auth:ApiKeys:{apiClient}"] = ApiKeys.Hash(apiKey),
        };
        if (@operator is { } op)
        {
            settings[$"Auth:OperatorKeys:{op.Name}"] = ApiKeys.Hash(op.Key);
        }

        return settings;
    }

    /// <summary>The Payments service's own settings.</summary>
    public static Dictionary<string, string?> PaymentsSettings(string connectionString, decimal creditLimit) => new()
    {
        ["ConnectionStrings:Payments"] = connectionString,
        ["Payments:CreditLimit"] = creditLimit.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The Inventory service's own settings, with the stock seeded for skus it does not know yet.</summary>
    public static Dictionary<string, string?> InventorySettings(string connectionString, IReadOnlyDictionary<string, int> seedStock)
    {
        var settings = seedStock.ToDictionary(kv => $"Inventory:SeedStock:{kv.Key}", kv => (string?)kv.Value.ToString(CultureInfo.InvariantCulture));
        settings["ConnectionStrings:Inventory"] = connectionString;
        return settings;
    }

    /// <summary>The Notifications service's own settings.</summary>
    public static Dictionary<string, string?> NotificationsSettings(string connectionString) => new()
    {
        ["ConnectionStrings:Notifications"] = connectionString,
    };

    private static async Task<string> EnsureDatabaseAsync(string admin, string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
