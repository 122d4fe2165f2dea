using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Persistence;

/// <summary>
/// Builds <typeparamref name="TContext"/>'s EF Core model on a thread-pool thread as the host
/// starts, beside the schema migrations (registered before <see cref="DatabaseStartup"/>) instead
/// of after them. Building the model is the largest piece of CPU work in a service's start (EF
/// Core builds it once per process, on the first context used); left to the first use, it ran
/// after the migrations, while every consumer worker and the first readiness check queued
/// behind it, and a restarted process sharing its cores with busy neighbours came back later.
/// Starting returns at once; a failure is logged and then met by the first use of a context,
/// which fails the same way.
/// </summary>
public sealed class ModelWarmup<TContext>(IServiceScopeFactory scopes, ILogger<ModelWarmup<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private Task _building = Task.CompletedTask;

    /// <summary>The build started by <see cref="StartAsync"/> (completed when it finished or failed).</summary>
    public Task Building => _building;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _building = Task.Run(() =>
        {
            try
            {
                using var scope = scopes.CreateScope();
                _ = scope.ServiceProvider.GetRequiredService<TContext>().Model;
            }
            catch (ObjectDisposedException)
            {
                // The host stopped (or failed to start) before the model was built.
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Building the model of {Context} failed; the first use of the context will fail the same way", typeof(TContext).Name);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _building.WaitAsync(cancellationToken);
}
