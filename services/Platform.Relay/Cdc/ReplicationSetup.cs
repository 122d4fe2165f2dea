using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Persistence.Outbox;
using Platform.Relay.Configuration;

namespace Platform.Relay.Cdc;

/// <summary>Checks (and, when allowed, creates) the publication and the slot before streaming.</summary>
internal static class ReplicationSetup
{
    /// <summary>
    /// Publication first, then slot: a slot must not start decoding before its publication
    /// exists. Runs while holding the slot lock, so two relays never race to create them.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlConnection connection, RelayOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, "SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = $1)", options.PublicationName, cancellationToken))
        {
            RequireCreation(options, $"Publication '{options.PublicationName}' does not exist. Create it as the outbox table's owner: " +
                OutboxStore.CreatePublicationStatement(options.PublicationName) + ";");
            await OutboxStore.CreatePublicationAsync(connection, options.PublicationName, cancellationToken);
            logger.PublicationCreated(options.PublicationName);
        }

        var slot = await SlotHealth.ReadAsync(connection, options.SlotName, cancellationToken);
        if (slot is null)
        {
            RequireCreation(options, $"Replication slot '{options.SlotName}' does not exist. Create it: " +
                $"SELECT pg_create_logical_replication_slot('{options.SlotName}', 'pgoutput');");
            await using var create = new NpgsqlCommand("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", connection);
            create.Parameters.Add(new NpgsqlParameter { Value = options.SlotName });
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.SlotCreated(options.SlotName);
            return;
        }

        SlotHealth.ThrowIfLost(options.SlotName, slot.Value.WalStatus);
    }

    private static void RequireCreation(RelayOptions options, string instruction)
    {
        if (!options.CreateSlotAndPublication)
        {
            throw new RelayFatalException(instruction + " (Relay:CreateSlotAndPublication is false.)");
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
