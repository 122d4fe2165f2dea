using Npgsql;

namespace Platform.Persistence.Outbox;

public static partial class OutboxStore
{
    /// <summary>
    /// The statement that creates the publication a CDC relay streams the outbox through. Inserts
    /// are relayed and updates reported; deletes (the DeleteAfterInsert trigger, retention purges)
    /// are not published at all, which halves the decoded WAL. Run it as the outbox table's owner.
    /// </summary>
    public static string CreatePublicationStatement(string publication) =>
        $"CREATE PUBLICATION {publication} FOR TABLE {OutboxMigrations.Table} WITH (publish = 'insert, update')";

    /// <summary>Creates the publication of <see cref="CreatePublicationStatement"/>.</summary>
    public static async Task CreatePublicationAsync(NpgsqlConnection connection, string publication, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CreatePublicationStatement(publication), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
