using Npgsql;
using Orders.Api.Infrastructure;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// The connection string defaults the service adds (auto-prepare, no reset on close) apply only
/// where the operator set nothing. No I/O.
/// </summary>
public class OrdersDatabaseOptionsTests
{
    [Test]
    public void defaults_fill_in_what_the_connection_string_leaves_unset()
    {
        var builder = new NpgsqlConnectionStringBuilder(OrdersDatabaseOptions.WithDefaults("Host=db;Database=orders"));

        Assert.That((builder.MaxAutoPrepare, builder.AutoPrepareMinUsages, builder.NoResetOnClose, builder.Host), Is.EqualTo((32, 2, true, "db")));
    }

    [Test]
    public void settings_the_operator_gave_are_kept()
    {
        var builder = new NpgsqlConnectionStringBuilder(OrdersDatabaseOptions.WithDefaults("Host=db;Max Auto Prepare=0;NoResetOnClose=false"));

        Assert.That((builder.MaxAutoPrepare, builder.NoResetOnClose), Is.EqualTo((0, false)));
    }

    [TestCase(null)]
    [TestCase("  ")]
    public void a_missing_connection_string_stays_empty_for_validation_to_report(string? value) =>
        Assert.That(OrdersDatabaseOptions.WithDefaults(value), Is.Empty);
}
