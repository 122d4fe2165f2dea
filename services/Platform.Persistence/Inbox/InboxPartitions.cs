using System.Globalization;
using Npgsql;

namespace Platform.Persistence.Inbox;

/// <summary>Creates the inbox's daily partitions ahead of time and drops those past the retention.</summary>
public static class InboxPartitions
{
    private const string Prefix = "inbox_p";

    /// <summary>Ensures partitions from yesterday to <paramref name="daysAhead"/> days ahead exist; drops those wholly older than the retention. Returns the dropped names.</summary>
    public static async Task<IReadOnlyList<string>> MaintainAsync(NpgsqlConnection connection, DateTime utcNow, TimeSpan retention, int daysAhead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var today = DateOnly.FromDateTime(utcNow);
        for (var day = today.AddDays(-1); day <= today.AddDays(daysAhead); day = day.AddDays(1))
        {
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS {Name(day)} PARTITION OF inbox
                    FOR VALUES FROM ('{day:yyyy-MM-dd}') TO ('{day.AddDays(1):yyyy-MM-dd}')
                """, cancellationToken);
        }

        var cutoff = DateOnly.FromDateTime(utcNow - retention);
        var dropped = new List<string>();
        foreach (var (name, day) in await ListAsync(connection, cancellationToken))
        {
            // A partition holds [day, day + 1): it is wholly past the retention once day + 1 <= cutoff.
            if (day.AddDays(1) <= cutoff)
            {
                await ExecuteAsync(connection, $"DROP TABLE {name}", cancellationToken);
                dropped.Add(name);
            }
        }

        return dropped;
    }

    /// <summary>The inbox's daily partitions with their first day.</summary>
    public static async Task<IReadOnlyList<(string Name, DateOnly Day)>> ListAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var result = new List<(string, DateOnly)>();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'inbox'::regclass AND c.relname LIKE 'inbox\_p%'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (DateOnly.TryParseExact(name[Prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                result.Add((name, day));
            }
        }

        return result;
    }

    private static string Name(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
