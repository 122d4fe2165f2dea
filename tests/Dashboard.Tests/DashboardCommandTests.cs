using System.Net.Http.Json;
using System.Text.Json;
using Platform.Cli.Commands;
using Platform.Local;

namespace Dashboard.Tests;

/// <summary>
/// <c>platform dashboard</c> on its own: serves the page and the snapshot from the given Kafka and
/// PostgreSQL until stopped, exit 0; bad options exit 2 naming them. The page's behaviour is
/// covered by <see cref="DashboardBrowserTests"/>.
/// </summary>
public sealed class DashboardCommandTests
{
    [Test]
    public async Task Serves_the_snapshot_until_stopped_then_exits_0()
    {
        var port = FreePort.Next();
        using var stop = new CancellationTokenSource();
        var run = InvokeAsync(stop.Token, "dashboard", "--bootstrap-servers", TestKafka.BootstrapServers,
            "--connection-string", await TestPostgres.AdminConnectionStringAsync(), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        JsonElement snapshot = default;
        await Eventually.WaitAsync(async () =>
        {
            if (run.IsCompleted)
            {
                Assert.Fail($"platform dashboard ended early: {(await run).Output}");
            }

            try
            {
                snapshot = await http.GetFromJsonAsync<JsonElement>("/api/snapshot");
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "platform dashboard to answer", TimeSpan.FromSeconds(60));

        await stop.CancelAsync();
        var (exitCode, output) = await run;
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GetProperty("errors").GetArrayLength(), Is.Zero, snapshot.GetProperty("errors").ToString());
            Assert.That(snapshot.GetProperty("orders").ValueKind, Is.EqualTo(JsonValueKind.Null), "no Orders API given");
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain($"http://127.0.0.1:{port}").And.Contain("Redrive is disabled").And.Contain("Stopped."));
        });
    }

    [TestCase("--port", "0", "--port")]
    [TestCase("--orders-url", "not-absolute", "--orders-url")]
    [TestCase("--connection-string", "Host=;;;=", "--connection-string")]
    public async Task Bad_options_exit_2_naming_them(string option, string value, string named)
    {
        var (exitCode, output) = await InvokeAsync(CancellationToken.None, "dashboard", "--bootstrap-servers", "127.0.0.1:1", option, value);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain(named));
        });
    }

    private static Task<(int ExitCode, string Output)> InvokeAsync(CancellationToken cancellationToken, params string[] args) =>
        CliInvocation.InvokeAsync([DashboardCommand.Create()], args, cancellationToken);
}
