namespace Platform.Persistence.Outbox;

/// <summary>The connection string of the database that holds a service's outbox.</summary>
/// <param name="ConnectionString">Npgsql connection string.</param>
/// <param name="Setting">The configuration key it came from (e.g. <c>ConnectionStrings:Orders</c>), named when it is wrong; null when it came from code.</param>
public sealed record OutboxConnection(string ConnectionString, string? Setting = null);
