using Platform.Operations.Replay;
using Platform.Operations;

namespace Operations.Tests;

/// <summary>Bad input is refused before anything is read, with the exit code of its class.</summary>
public sealed class ReplayBadInputTests
{
    private static ReplayExitCode Refusal(ReplayRequest request) =>
        Assert.Throws<ReplayException>(() => ReplayPlanner.Plan(TestKafka.BootstrapServers, request, ReplayCheckpoint.Load(null)))!.Code;

    /// <summary>An end offset before the start offset, an end time not after the start, offsets with times: exit 2.</summary>
    [Test]
    public void Inverted_or_conflicting_ranges_are_bad_input()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Refusal(new ReplayRequest { Topics = ["x"], FromOffset = 10, ToOffset = 3 }), Is.EqualTo(ReplayExitCode.BadInput));
            Assert.That(Refusal(new ReplayRequest { Topics = ["x"], From = SourceTopic.Start, To = SourceTopic.Start }), Is.EqualTo(ReplayExitCode.BadInput));
            Assert.That(Refusal(new ReplayRequest { Topics = ["x"], FromOffset = 1, From = SourceTopic.Start }), Is.EqualTo(ReplayExitCode.BadInput));
        });
    }

    /// <summary>A time without a zone, or a header filter without '=', is malformed: exit 2.</summary>
    [Test]
    public void Malformed_times_and_header_filters_are_bad_input()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ReplayException>(() => ReplayArguments.ParseTime("2026-11-01T00:00:00", "--from"))!.Code, Is.EqualTo(ReplayExitCode.BadInput));
            Assert.That(Assert.Throws<ReplayException>(() => ReplayArguments.ParseTime("yesterday", "--from"))!.Code, Is.EqualTo(ReplayExitCode.BadInput));
            Assert.That(ReplayArguments.ParseTime("2026-11-01T00:00:00+01:00", "--from"), Is.EqualTo(SourceTopic.Start.AddHours(-1)));
            Assert.That(Assert.Throws<ReplayException>(() => ReplayArguments.ParseHeaders(["tenant"], "--header"))!.Code, Is.EqualTo(ReplayExitCode.BadInput));
        });
    }

    /// <summary>A topic the cluster does not have, or a partition it does not have: exit 3 (and the topic is not auto-created by asking).</summary>
    [Test]
    public async Task Unknown_topics_and_partitions_are_refused()
    {
        var source = await SourceTopic.CreateAsync("replay_unknown", 4);
        Assert.Multiple(() =>
        {
            Assert.That(Refusal(new ReplayRequest { Topics = [TestNames.Unique("missing")] }), Is.EqualTo(ReplayExitCode.UnknownTopic));
            Assert.That(Refusal(new ReplayRequest { Topics = [source.Name], Partitions = [99] }), Is.EqualTo(ReplayExitCode.UnknownTopic));
        });
    }
}
