using Npgsql;

namespace Platform.Testing;

/// <summary>Reads rows for assertions (one connection, one statement with positional parameters: $1, $2, ...) and runs set-up statements on an open connection.</summary>
public static class TestSql
{
    /// <summary>Runs <paramref name="sql"/> on <paramref name="connectionString"/> and reads each row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> on the open <paramref name="connection"/>, outside any transaction of its own.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
