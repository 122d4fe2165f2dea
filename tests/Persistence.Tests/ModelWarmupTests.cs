using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Persistence;

namespace Persistence.Tests;

/// <summary>
/// Covers: the model warm-up's start returns at once and the context's model is then built in the
/// background without any context being used; a model that cannot be built is logged, naming
/// the context, and does not stop the start. Does not cover: how much sooner a service is ready
/// (the fault harness measures restarts). EF Core caches a model per context type and process,
/// hence one context type per test. No database is reached: building a model does not connect.
/// </summary>
public class ModelWarmupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task start_returns_at_once_and_the_model_is_then_built_without_a_context_being_used()
    {
        var gate = new ModelGate();
        await using var provider = Services<GatedContext>(gate, new ConcurrentQueue<string>());
        var warmup = provider.GetServices<IHostedService>().OfType<ModelWarmup<GatedContext>>().Single();

        await warmup.StartAsync(CancellationToken.None);

        // OnModelCreating is held until released: the start did not wait for it.
        Assert.That(await gate.Entered.Task.WaitAsync(Timeout), Is.True);
        Assert.That(warmup.Building.IsCompleted, Is.False);
        gate.Release.Set();
        await warmup.Building.WaitAsync(Timeout);
        Assert.That(gate.Built, Is.True);
    }

    [Test]
    public async Task a_model_that_cannot_be_built_is_logged_naming_the_context_and_the_start_goes_on()
    {
        var lines = new ConcurrentQueue<string>();
        await using var provider = Services<BrokenContext>(new ModelGate(), lines);
        var warmup = provider.GetServices<IHostedService>().OfType<ModelWarmup<BrokenContext>>().Single();

        await warmup.StartAsync(CancellationToken.None);
        await warmup.Building.WaitAsync(Timeout);

        Assert.That(warmup.Building.IsCompletedSuccessfully, Is.True);
        Assert.That(lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList(),
            Has.One.Contains("Building the model of BrokenContext failed").And.Contains("the order line has no key"));
    }

    private static ServiceProvider Services<TContext>(ModelGate gate, ConcurrentQueue<string> lines)
        where TContext : DbContext
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(lines)));
        services.AddSingleton(gate);
        services.AddDbContext<TContext>(options => options.UseNpgsql("Host=127.0.0.1;Database=never_connected"));
        services.AddHostedService<ModelWarmup<TContext>>();
        return services.BuildServiceProvider();
    }

    /// <summary>Holds <c>OnModelCreating</c> until released, and says when it was entered and finished.</summary>
    public sealed class ModelGate
    {
        public TaskCompletionSource<bool> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();

        public bool Built { get; set; }
    }

    public sealed class Row
    {
        public Guid Id { get; set; }
    }

    public sealed class GatedContext(DbContextOptions<GatedContext> options, ModelGate gate) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            gate.Entered.TrySetResult(true);
            gate.Release.Wait(Timeout);
            modelBuilder.Entity<Row>().ToTable("rows");
            gate.Built = true;
        }
    }

    public sealed class BrokenContext(DbContextOptions<BrokenContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            throw new InvalidOperationException("the order line has no key");
    }
}
