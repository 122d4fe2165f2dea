using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Persistence.Observability;

/// <summary>
/// Readiness: Kafka answers a metadata request within <see cref="Timeout"/>. Says nothing about
/// topics (they appear with their first event), only that the cluster is reachable. Healthy
/// when no bootstrap servers are configured (the process does not use Kafka).
/// </summary>
/// <param name="bootstrapServers">Kafka.</param>
/// <param name="properties">Extra librdkafka properties (security), as the process's own clients use them.</param>
public sealed class KafkaHealthCheck(string bootstrapServers, IEnumerable<KeyValuePair<string, string>>? properties = null) : IHealthCheck
{
    /// <summary>How long a check waits for the metadata answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // The admin client's metadata call blocks: keep it off the request thread.
        Task.Run(() =>
        {
            if (string.IsNullOrWhiteSpace(bootstrapServers))
            {
                // E.g. an API instance with its consumers switched off: nothing here uses Kafka.
                return HealthCheckResult.Healthy("Kafka is not configured for this process.");
            }

            using var admin = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>(properties ?? [])) { BootstrapServers = bootstrapServers, SocketTimeoutMs = (int)Timeout.TotalMilliseconds })
                .SetLogHandler((_, _) => { })
                .Build();
            try
            {
                var brokers = admin.GetMetadata(Timeout).Brokers.Count;
                return brokers > 0
                    ? HealthCheckResult.Healthy($"{brokers} broker(s) at {bootstrapServers}")
                    : HealthCheckResult.Unhealthy($"No broker answered at {bootstrapServers}");
            }
            catch (KafkaException ex)
            {
                return HealthCheckResult.Unhealthy($"Kafka at {bootstrapServers} is unreachable: {ex.Error.Reason}", ex);
            }
        }, cancellationToken);
}
