using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Relay.Tests;

/// <summary>
/// One test's world: its own database with the outbox table, its own slot and publication
/// names, its own aggregate type (so its own topic), and the relays it started. Disposing stops
/// the relays, drops the slot, then the database.
/// </summary>
internal sealed class RelayScenario : IAsyncDisposable
{
    private readonly List<RelayInstance> _relays = [];

    private RelayScenario(TestDatabase database, string purpose)
    {
        Database = database;
        SlotName = TestNames.Unique(purpose, 63).Replace('-', '_');
        PublicationName = SlotName;
        AggregateType = TestNames.Unique(purpose, 80);
    }

    public TestDatabase Database { get; }

    public string SlotName { get; }

    public string PublicationName { get; }

    /// <summary>Unique aggregate type; the default routing sends it to <see cref="Topic"/>.</summary>
    public string AggregateType { get; }

    public string Topic => AggregateType + ".events";

    public string ConnectionString => Database.ConnectionString;

    public static async Task<RelayScenario> CreateAsync(string purpose, OutboxCleanupMode cleanup = OutboxCleanupMode.Retain, bool requireLogical = true)
    {
        if (requireLogical)
        {
            await TestPostgres.RequireLogicalReplicationAsync();
        }

        _ = TestKafka.BootstrapServers; // skips early when no Kafka can be had
        var database = await TestDatabase.CreateAsync(purpose);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(database.ConnectionString, OutboxMigrations.All, CancellationToken.None);
        await OutboxCleanup.ApplyAsync(database.ConnectionString, cleanup, CancellationToken.None);
        return new RelayScenario(database, purpose);
    }

    public Dictionary<string, string?> Settings(string mode = "Cdc") => new()
    {
        ["Relay:ConnectionString"] = ConnectionString,
        ["Relay:BootstrapServers"] = TestKafka.BootstrapServers,
        ["Relay:Mode"] = mode,
        ["Relay:SlotName"] = SlotName,
        ["Relay:PublicationName"] = PublicationName,
        ["Relay:ConfirmInterval"] = "00:00:00.1",
        ["Relay:HeartbeatInterval"] = "00:00:00.2",
        ["Relay:PollingInterval"] = "00:00:00.02",
    };

    public async Task<RelayInstance> StartRelayAsync(string mode = "Cdc", bool waitUntilStreaming = true, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Settings(mode);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var relay = await RelayInstance.StartAsync(settings);
        _relays.Add(relay);
        if (waitUntilStreaming)
        {
            await relay.WaitUntilStreamingAsync();
        }

        return relay;
    }

    public List<TestEvent> Events(int count, int aggregates = 1, int firstSequence = 1) =>
        Enumerable.Range(0, count)
            .Select(i => TestEvent.For(AggregateType, $"agg-{i % aggregates}", firstSequence + (i / aggregates)))
            .ToList();

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.DisposeAsync();
        }

        // A database with a replication slot cannot be dropped; the slot goes first, once no
        // walsender holds it.
        await using (var connection = await Database.OpenAsync())
        {
            await Eventually.WaitAsync(async () =>
            {
                await using var drop = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_replication_slots WHERE slot_name = $1 AND active", connection);
                drop.Parameters.Add(new NpgsqlParameter { Value = SlotName });
                return (long)(await drop.ExecuteScalarAsync())! == 0;
            }, $"slot {SlotName} to be released", TimeSpan.FromSeconds(30));
            await using var command = new NpgsqlCommand(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = SlotName });
            await command.ExecuteNonQueryAsync();
        }

        await Database.DisposeAsync();
    }
}
