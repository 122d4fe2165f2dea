using System.Globalization;
using Microsoft.Playwright;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.Replay;

namespace Dashboard.Tests;

/// <summary>
/// The dashboard page in headless Debian chromium on a whole running platform: it loads with its
/// charts, its figures and charts move when orders are placed, and its Redrive button re-publishes
/// a parked record (checked on the topic). Saves a screenshot as a test attachment. Does not cover
/// the slot-lag chart moving (the relays confirm within milliseconds here) or real Kafka's retention.
/// </summary>
public sealed class DashboardBrowserTests : DashboardFixture
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task Page_charts_move_when_orders_are_placed_and_redrive_republishes_a_parked_record()
    {
        Assert.That(File.Exists(Chromium), Is.True,
            $"The browser test drives Debian's chromium at {Chromium}: apt-get install chromium (.ci/run installs it). No browser is downloaded.");
        using var playwright = await Playwright.CreateAsync();
        // --no-sandbox: chromium refuses its sandbox when run as root, as on the build machines.
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1300 } });
        try
        {
            await page.GotoAsync(Platform.DashboardUrl!);
            Assert.That(await page.TitleAsync(), Is.EqualTo("Order platform dashboard"));
            foreach (var chart in new[] { "chart-orders", "chart-rate", "chart-slots", "chart-consumers" })
            {
                Assert.That(await page.Locator($"svg#{chart}").CountAsync(), Is.EqualTo(1), chart);
            }

            await WaitForAsync(page, async () => await NumberAsync(page, "#orders-total") is not null, "the first snapshot on the page");
            var ordersBefore = (await NumberAsync(page, "#orders-total"))!.Value;
            var offsetsBefore = await NumberAsync(page, $"[data-testid='topic-end-{Topics.OrderEvents}']") ?? 0;

            for (var i = 0; i < 5; i++)
            {
                await Platform.PlaceAsync($"dash-{i}", ("SKU-1", 1, 10m));
            }

            await WaitForAsync(page, async () => await NumberAsync(page, "#orders-total") >= ordersBefore + 5, "the orders figure to count the five orders");
            await WaitForAsync(page, async () => await NumberAsync(page, $"[data-testid='topic-end-{Topics.OrderEvents}']") >= offsetsBefore + 5,
                "the order topic's end offset to grow by five");
            await WaitForAsync(page, async () => double.Parse(await page.GetAttributeAsync("#chart-rate", "data-max") ?? "0", CultureInfo.InvariantCulture) > 0,
                "the event-rate chart to rise above zero");
            Assert.That(await page.Locator("#chart-orders polyline").CountAsync(), Is.GreaterThanOrEqualTo(3), "a line per order status");

            var eventId = await PoisonRecord.ProduceAsync(Platform.BootstrapServers);
            var redrive = page.Locator("button[data-testid^='redrive-payments-']");
            await WaitForAsync(page, async () => await redrive.CountAsync() == 1, "the payments consumer's parked record in the dead-letter table");
            Assert.That(await NumberAsync(page, "#dlq-total"), Is.GreaterThanOrEqualTo(1));

            await page.FillAsync("#api-key", Platform.OperatorKey);
            await redrive.ClickAsync();
            var result = page.Locator("#redrive-result");
            await WaitForAsync(page, async () => await result.GetAttributeAsync("class") is "result ok" or "result bad", "the redrive's answer on the page");
            var message = await result.TextContentAsync();
            Assert.That(message, Does.StartWith("Redriven: 1 record(s) of payments.dlq"));
            var replayId = await result.GetAttributeAsync("data-replay-id");

            var copies = await ReadRedrivenAsync(replayId!);
            Assert.That(copies.Select(c => ReplayFilter.HeaderText(c.Message, OutboxHeaders.EventId)), Is.EqualTo(new[] { eventId }),
                "the parked record is on order.events again, once, with its original event id");
            Assert.That(copies[0].Message.Headers.Select(h => h.Key), Has.None.StartsWith(DeadLetterHeaders.Prefix));
        }
        finally
        {
            await SaveScreenshotAsync(page);
        }
    }

    /// <summary>The records of order.events that the redrive run <paramref name="replayId"/> published, read from outside every group.</summary>
    private async Task<List<Confluent.Kafka.ConsumeResult<byte[]?, byte[]?>>> ReadRedrivenAsync(string replayId)
    {
        using var sink = new CollectingReplaySink();
        var filter = new ReplayFilter([], [], new Dictionary<string, string> { [ReplayHeaders.Id] = replayId });
        await ReplayRunner.RunAsync(Platform.BootstrapServers, new ReplayRequest { Topics = [Topics.OrderEvents], Filter = filter, DryRun = false }, sink, "check", null, CancellationToken.None);
        return sink.Records;
    }

    private static async Task<long?> NumberAsync(IPage page, string selector)
    {
        var locator = page.Locator(selector);
        return await locator.CountAsync() == 1 && long.TryParse(await locator.GetAttributeAsync("data-value"), CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static Task WaitForAsync(IPage page, Func<Task<bool>> condition, string what) =>
        Eventually.WaitAsync(condition, what + " (the page polls every second)", TimeSpan.FromSeconds(60));

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, "The dashboard at the end of the test");
    }
}
