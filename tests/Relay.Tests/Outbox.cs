using Npgsql;
using NpgsqlTypes;

namespace Relay.Tests;

/// <summary>Writes outbox rows the way services do: plain INSERTs inside the caller's transaction.</summary>
internal static class Outbox
{
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<TestEvent> events, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::timestamp[], $7::text[], $8::bigint[])
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.AggregateType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.AggregateId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Payload).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Unspecified)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Timestamp,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.TracingSpanContext).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Sequence).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertCommittedAsync(string connectionString, IReadOnlyList<TestEvent> events, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, events, cancellationToken);
    }
}
