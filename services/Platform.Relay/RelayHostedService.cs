using System.Diagnostics;
using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Persistence;
using Platform.Relay.Cdc;
using Platform.Relay.Configuration;
using Platform.Relay.Kafka;
using Platform.Relay.Polling;
using Platform.ServiceDefaults;

namespace Platform.Relay;

/// <summary>
/// Runs the configured relay mode. Transient failures (database or Kafka unreachable, a delivery
/// that failed) restart the relay after a back-off (<see cref="RestartBackoff"/>) from the last confirmed position, so nothing
/// is skipped. A <see cref="RelayFatalException"/> stops the host with exit code 1: those need
/// an operator; so does a database host name that has not resolved since the start for
/// <see cref="RelayOptions.UnknownHostPatience"/>.
/// </summary>
internal sealed class RelayHostedService(
    IOptions<RelayOptions> options, CdcRelay cdc, PollingRelay polling, RelayStatus status,
    IHostApplicationLifetime lifetime, ILogger<RelayHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var backoff = new RestartBackoff();
        var unresolved = new UnresolvedHost(options.Value.UnknownHostPatience);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await (options.Value.Mode == RelayMode.Polling ? polling.RunAsync(stoppingToken) : cdc.RunAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RelayFatalException ex)
            {
                StopForGood(ex, ex.Message);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidPassword
                                                   or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.UndefinedTable)
            {
                StopForGood(ex, $"PostgreSQL refused the relay ({ex.SqlState}: {ex.MessageText}); see services/Platform.Relay/README.md, least-privilege role.");
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or KafkaException or KafkaDeliveryException or IOException
                                           or TimeoutException or SocketException or InvalidOperationException)
            {
                // A host name that never resolved since the start is a misspelt setting, once the
                // patience for a DNS record that appears with its database is over.
                if (!status.HasStreamed && unresolved.Observe(ex) && unresolved.Expired)
                {
                    var unknown = new RelayFatalException(unresolved.Refusal("Relay:ConnectionString", options.Value.ConnectionString!), ex);
                    StopForGood(unknown, unknown.Message);
                    return;
                }

                var wait = backoff.After(Stopwatch.GetElapsedTime(started));
                logger.Restarting(ex, wait);
                try
                {
                    await Task.Delay(wait, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void StopForGood(Exception error, string reason)
    {
        logger.FatalStop(error, reason);
        status.SetFatal(error);
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
