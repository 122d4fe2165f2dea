using NpgsqlTypes;
using Platform.Testing.KafkaConnect;

namespace Cli.Tests;

/// <summary>
/// offsets set with an lsn and a database connection: checked against the connector's replication
/// slot like platform relay rewind, against a real PostgreSQL slot and the fake Connect worker.
/// </summary>
public sealed class OffsetsSlotCheckTests
{
    /// <summary>
    /// An lsn between restart_lsn and confirmed_flush_lsn is refused with exit 9 and the reason, and no
    /// PATCH reaches Connect; the slot's confirmed_flush_lsn itself is accepted.
    /// </summary>
    [Test]
    public async Task offsets_set_to_an_lsn_the_slot_already_confirmed_exits_9_and_changes_nothing()
    {
        await using var slot = await TestSlot.CreateAsync("offsets_slot");
        var (restart, confirmed) = await slot.PositionsAsync();
        await using var worker = await FakeConnectWorker.StartAsync();
        worker.Add("orders-outbox", state: "STOPPED");
        Task<CliResult> Set(string lsn) => CliRun.InvokeAsync(
            "connectors", "offsets", "set", "orders-outbox", "--partition", """{"server":"orders"}""", "--offset", $$"""{"lsn":{{lsn}}}""",
            "--connection-string", slot.Database.ConnectionString, "--slot", slot.Name, "--connect-url", worker.Url.ToString());

        var refused = await Set(((ulong)NpgsqlLogSequenceNumber.Parse(restart)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var patchesAfterRefusal = worker.Count("PATCH /connectors/orders-outbox/offsets");
        var accepted = await Set(((ulong)NpgsqlLogSequenceNumber.Parse(confirmed)).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(9), refused.Output);
            Assert.That(refused.Errors, Does.Contain("confirmed_flush_lsn").And.Contain("platform outbox reemit"));
            Assert.That(patchesAfterRefusal, Is.Zero);
            Assert.That(accepted.ExitCode, Is.Zero, accepted.Output);
        });
    }
}
