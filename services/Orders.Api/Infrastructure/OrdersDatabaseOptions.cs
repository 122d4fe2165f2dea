using Platform.Persistence;

namespace Orders.Api.Infrastructure;

/// <summary>Where the Orders database is: configuration key <c>ConnectionStrings:Orders</c>.</summary>
public sealed class OrdersDatabaseOptions
{
    /// <summary>Configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Orders";

    /// <summary>Npgsql connection string of the Orders database (it holds orders, outbox and idempotency keys).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The connection string with the service defaults (<see cref="ServiceConnectionString.WithDefaults"/>).</summary>
    public static string WithDefaults(string? connectionString) => ServiceConnectionString.WithDefaults(connectionString);
}
