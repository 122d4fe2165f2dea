namespace Platform.Persistence.Outbox;

/// <summary>The connection string of the database that holds a service's outbox.</summary>
/// <param name="ConnectionString">Npgsql connection string.</param>
public sealed record OutboxConnection(string ConnectionString);
