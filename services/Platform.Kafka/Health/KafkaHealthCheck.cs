using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Kafka.Health;

/// <summary>
/// Readiness: Kafka answers a metadata request within <see cref="Timeout"/>. Says nothing about
/// topics (they appear with their first event), only that the cluster is reachable. Healthy when
/// no bootstrap servers are configured (the process does not use Kafka).
/// <para>
/// The client of the last successful check is kept and asked first, for at most
/// <see cref="KeptClientTimeout"/>: a client per check would pay librdkafka's start, connection
/// and teardown each time and delay readiness after every restart. A kept client that reported
/// an error (a broker connection lost) or does not answer in time is dropped and a fresh one asks
/// with the full timeout: after an outage the kept client's connections may be dead ones it would
/// wait out, backoff included. Dropped clients are disposed off the check's time.
/// </para>
/// </summary>
public sealed class KafkaHealthCheck : IHealthCheck, IDisposable
{
    /// <summary>How long a check waits for the metadata answer from a new client.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the kept client is given before a new one is tried: one metadata round trip on an
    /// open connection, well under this on a healthy cluster; a cluster that was down without
    /// closing its connections leaves the kept client waiting on a dead one, and every process
    /// would pay this much more for its first check after the outage.
    /// </summary>
    public static readonly TimeSpan KeptClientTimeout = TimeSpan.FromMilliseconds(250);

    private readonly string _bootstrapServers;
    private readonly AdminClientConfig? _config;
    private readonly Lock _gate = new();
    private CheckClient? _kept;
    private bool _disposed;

    /// <param name="bootstrapServers">Kafka.</param>
    /// <param name="properties">Extra librdkafka properties (security), as the process's own clients use them.</param>
    public KafkaHealthCheck(string bootstrapServers, IEnumerable<KeyValuePair<string, string>>? properties = null)
    {
        _bootstrapServers = bootstrapServers;
        if (!string.IsNullOrWhiteSpace(bootstrapServers))
        {
            _config = new AdminClientConfig(new Dictionary<string, string>(properties ?? []))
            {
                BootstrapServers = bootstrapServers,
                SocketTimeoutMs = (int)Timeout.TotalMilliseconds,
            };
        }
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_config is null)
        {
            // E.g. an API instance with its consumers switched off: nothing here uses Kafka.
            return Task.FromResult(HealthCheckResult.Healthy("Kafka is not configured for this process."));
        }

        // The metadata calls block: keep them off the request thread.
        return Task.Run(Check, cancellationToken);
    }

    /// <summary>
    /// Runs one check in the background and forgets its answer: made as the host starts, so the
    /// first readiness probe finds a client connected (and kept) instead of starting one.
    /// </summary>
    public void Warm()
    {
        if (_config is not null)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    Check();
                }
                catch (ObjectDisposedException)
                {
                    // The host stopped first.
                }
            });
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CheckClient? kept;
        lock (_gate)
        {
            _disposed = true;
            kept = _kept;
            _kept = null;
        }

        kept?.Admin.Dispose();
    }

    private HealthCheckResult Check()
    {
        CheckClient? kept;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            kept = _kept;
        }

        if (kept is not null)
        {
            if (!kept.Failed && Brokers(kept.Admin, KeptClientTimeout) is > 0 and var answered && !kept.Failed)
            {
                return Healthy(answered);
            }

            Release(kept, keep: false);
        }

        var fresh = new CheckClient(_config!);
        try
        {
            var brokers = fresh.Admin.GetMetadata(Timeout).Brokers.Count;
            Release(fresh, keep: brokers > 0);
            return brokers > 0 ? Healthy(brokers) : HealthCheckResult.Unhealthy($"No broker answered at {_bootstrapServers}");
        }
        catch (KafkaException ex)
        {
            Release(fresh, keep: false);
            return HealthCheckResult.Unhealthy($"Kafka at {_bootstrapServers} is unreachable: {ex.Error.Reason}", ex);
        }
    }

    private HealthCheckResult Healthy(int brokers) => HealthCheckResult.Healthy($"{brokers} broker(s) at {_bootstrapServers}");

    private static int Brokers(IAdminClient client, TimeSpan timeout)
    {
        try
        {
            return client.GetMetadata(timeout).Brokers.Count;
        }
        catch (Exception ex) when (ex is KafkaException or ObjectDisposedException)
        {
            // Timed out, or dropped by a concurrent check that timed out first.
            return 0;
        }
    }

    // Keeps the client (when asked and no other check kept one first) or drops it; a dropped client
    // is disposed in the background (librdkafka's teardown can take a while).
    private void Release(CheckClient client, bool keep)
    {
        lock (_gate)
        {
            if (keep && _kept is null && !_disposed)
            {
                _kept = client;
                return;
            }

            if (ReferenceEquals(_kept, client))
            {
                _kept = null;
            }
        }

        _ = Task.Run(client.Admin.Dispose);
    }

    /// <summary>An admin client that remembers whether librdkafka reported an error on it (a lost connection, every broker down).</summary>
    private sealed class CheckClient
    {
        private volatile bool _failed;

        public CheckClient(AdminClientConfig config) =>
            Admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => _failed = true).Build();

        public IAdminClient Admin { get; }

        public bool Failed => _failed;
    }
}
