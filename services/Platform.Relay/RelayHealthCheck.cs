using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Relay.Cdc;
using Platform.Relay.Configuration;

namespace Platform.Relay;

/// <summary>
/// Readiness of the relay: it has not stopped for good, its database answers, and (CDC mode) its
/// replication slot exists and is not invalidated. A standby relay waiting for the lock is ready:
/// it takes over when the active one goes away. Kafka is checked separately (<c>kafka</c>).
/// </summary>
internal sealed class RelayHealthCheck(IOptions<RelayOptions> options, RelayStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Fatal is { } fatal)
        {
            return HealthCheckResult.Unhealthy("The relay stopped for good: " + fatal.Message);
        }

        var settings = options.Value;
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            if (settings.Mode == RelayMode.Polling)
            {
                return HealthCheckResult.Healthy($"Database answers; polling (streaming: {status.Streaming}).");
            }

            var slot = await SlotHealth.ReadAsync(connection, settings.SlotName, cancellationToken);
            if (slot is null)
            {
                return HealthCheckResult.Unhealthy($"Replication slot '{settings.SlotName}' does not exist.");
            }

            return slot.Value.WalStatus == "lost"
                ? HealthCheckResult.Unhealthy(SlotHealth.LostMessage(settings.SlotName))
                : HealthCheckResult.Healthy($"Slot '{settings.SlotName}' retains {slot.Value.LagBytes} bytes of WAL (streaming: {status.Streaming}).");
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("The outbox database is unreachable: " + ex.Message, ex);
        }
    }
}
