using Microsoft.EntityFrameworkCore;
using Payments.Worker.Domain;
using Payments.Worker.Infrastructure;
using Platform.Testing;
using Services.Tests.Driving;

namespace Services.Tests.Payments;

/// <summary>
/// Credit exposure is read without a lock and written last, as relative changes: authorizations
/// and refunds of concurrent transactions add up, and an authorization that concurrent ones
/// pushed over the limit it was decided against fails as a concurrency conflict and writes
/// nothing. Covers PaymentsDbContext's save; the consumer deciding again is PaymentsTests' business.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ExposureWriteTests
{
    private const decimal Limit = 100m;

    [Test]
    public async Task authorizations_and_refunds_decided_on_the_same_reading_add_up()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-write-add");
        await SeedAsync(world, outstanding: 50m);
        await using var first = Context(world);
        await using var second = Context(world);
        var (a, b) = (await ExposureAsync(first), await ExposureAsync(second));
        a.Authorized(Payment("frank", 30m), Limit);
        b.Refunded(Payment("frank", 20m));

        await first.SaveChangesAsync();
        await second.SaveChangesAsync();

        Assert.That(await OutstandingAsync(world), Is.EqualTo(60m), "50 + 30 - 20; an absolute write would have left 30");
        Assert.That((a.Outstanding, b.Outstanding, b.UnsavedChange, b.Ceiling), Is.EqualTo((80m, 60m, 0m, (decimal?)null)));
    }

    [Test]
    public async Task an_authorization_that_concurrent_ones_pushed_over_the_limit_fails_and_writes_nothing()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-write-conflict");
        await SeedAsync(world, outstanding: 60m);
        await using var first = Context(world);
        await using var second = Context(world);
        var (a, b) = (await ExposureAsync(first), await ExposureAsync(second));
        // Each fits on the reading of 60.00; together they would make 120.00.
        a.Authorized(Payment("frank", 30m), Limit);
        b.Authorized(Payment("frank", 30m), Limit);
        await first.SaveChangesAsync();

        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.That(await OutstandingAsync(world), Is.EqualTo(90m), "only the first authorization was written");
    }

    private static Payment Payment(string customer, decimal amount) =>
        global::Payments.Worker.Domain.Payment.Authorize(new PaymentRequest(Guid.CreateVersion7(), customer, "EUR", amount), DateTimeOffset.UtcNow);

    private static PaymentsDbContext Context(ServiceWorld world) =>
        new(new DbContextOptionsBuilder<PaymentsDbContext>().UseNpgsql(world.Database.ConnectionString).Options);

    private static Task<CreditExposure> ExposureAsync(PaymentsDbContext db) =>
        db.CreditExposures.SingleAsync(e => e.CustomerId == "frank" && e.Currency == "EUR");

    private static async Task SeedAsync(ServiceWorld world, decimal outstanding) => await TestSql.QueryAsync(
        world.Database.ConnectionString, "INSERT INTO credit_exposure (customer_id, currency, outstanding) VALUES ('frank', 'EUR', $1) RETURNING 1", r => r.GetInt32(0), outstanding);

    private static async Task<decimal> OutstandingAsync(ServiceWorld world) =>
        (await world.QueryAsync("SELECT outstanding FROM credit_exposure WHERE customer_id = 'frank'", r => r.GetDecimal(0))).Single();
}
