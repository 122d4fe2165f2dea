using NpgsqlTypes;
using Platform.Operations.Source;
using Platform.Operations;

namespace Relay.Tests;

/// <summary>
/// Slot status and the rewind check against a real pgoutput slot whose restart_lsn is below its
/// confirmed_flush_lsn (<see cref="TestSlot"/>): what PostgreSQL can and cannot resend.
/// </summary>
public sealed class SlotRewindTests
{
    /// <summary>The status of a real slot: plugin, inactive, both LSNs as PostgreSQL reports them, retained WAL.</summary>
    [Test]
    public async Task Slot_status_reads_a_real_slot()
    {
        await using var slot = await TestSlot.CreateAsync("slot_status");
        var database = slot.Database;
        var (restart, confirmed) = await slot.PositionsAsync();

        var status = (await ReplicationSlots.ReadAsync(database.ConnectionString, slot.Name, CancellationToken.None)).Single();
        var all = await ReplicationSlots.ReadAsync(database.ConnectionString, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.Plugin, Is.EqualTo("pgoutput"));
            Assert.That(status.Database, Is.EqualTo(database.Name));
            Assert.That(status.Active, Is.False);
            Assert.That(status.RestartLsn?.ToString(), Is.EqualTo(restart));
            Assert.That(status.ConfirmedFlushLsn?.ToString(), Is.EqualTo(confirmed));
            Assert.That(status.RetainedBytes, Is.GreaterThan(0));
            Assert.That(all.Select(s => s.Name), Does.Contain(slot.Name));
        });
    }

    /// <summary>
    /// Below restart_lsn is NotRetained; from restart_lsn up to confirmed_flush_lsn is AlreadyConfirmed
    /// (WAL kept, never decoded again) pointing to outbox reemit; at confirmed_flush_lsn nothing is refused.
    /// </summary>
    [Test]
    public async Task Rewind_is_refused_below_confirmed_flush_lsn_with_the_reason_and_allowed_from_it()
    {
        await using var slot = await TestSlot.CreateAsync("slot_rewind");
        var (restartText, confirmedText) = await slot.PositionsAsync();
        var restart = NpgsqlLogSequenceNumber.Parse(restartText);
        var confirmed = NpgsqlLogSequenceNumber.Parse(confirmedText);
        Assert.That(restart, Is.LessThan(confirmed), "precondition: the open transaction keeps restart_lsn below confirmed_flush_lsn");

        Task Check(NpgsqlLogSequenceNumber lsn) => SlotRewind.CheckAsync(slot.Database.ConnectionString, slot.Name, lsn, "--to-lsn", CancellationToken.None);
        var gone = Assert.ThrowsAsync<ReplayException>(() => Check(new NpgsqlLogSequenceNumber((ulong)restart - 1)));
        var atRestart = Assert.ThrowsAsync<ReplayException>(() => Check(restart));
        var justBefore = Assert.ThrowsAsync<ReplayException>(() => Check(new NpgsqlLogSequenceNumber((ulong)confirmed - 1)));

        Assert.Multiple(() =>
        {
            Assert.That(gone!.Code, Is.EqualTo(ReplayExitCode.NotRetained));
            Assert.That(atRestart!.Code, Is.EqualTo(ReplayExitCode.AlreadyConfirmed));
            Assert.That(atRestart.Message, Does.Contain("confirmed_flush_lsn").And.Contain("platform outbox reemit --from"));
            Assert.That(justBefore!.Code, Is.EqualTo(ReplayExitCode.AlreadyConfirmed));
            Assert.DoesNotThrowAsync(() => Check(confirmed));
        });
    }

    /// <summary>An unknown slot is refused with UnknownTopic (exit 3).</summary>
    [Test]
    public async Task Rewind_of_an_unknown_slot_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync("slot_unknown");

        var refusal = Assert.ThrowsAsync<ReplayException>(() => SlotRewind.CheckAsync(
            database.ConnectionString, "no_such_slot", new NpgsqlLogSequenceNumber(1), "--to-lsn", CancellationToken.None));

        Assert.That(refusal!.Code, Is.EqualTo(ReplayExitCode.UnknownTopic));
    }

    /// <summary>Malformed LSN text is bad input naming the option; the X/Y hex form parses.</summary>
    [TestCase("12345")]
    [TestCase("0/XYZ")]
    [TestCase("1/2/3")]
    [TestCase("")]
    [TestCase("-1/0")]
    public void Malformed_lsn_is_bad_input_naming_the_option(string text)
    {
        var refusal = Assert.Throws<ReplayException>(() => SlotRewind.ParseLsn(text, "--to-lsn"));

        Assert.That(refusal!.Code, Is.EqualTo(ReplayExitCode.BadInput));
        Assert.That(refusal.Message, Does.Contain("--to-lsn"));
        Assert.That(SlotRewind.ParseLsn("16/B374D848", "--to-lsn"), Is.EqualTo(new NpgsqlLogSequenceNumber(0x16_B374_D848UL)));
    }
}
