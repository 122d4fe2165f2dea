using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Local;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// README command one (<c>./build.sh run</c>): the AppHost as its own process starts the whole platform on
/// embedded defaults, prints the URLs of the API, its OpenAPI document and the dashboard, serves
/// them, prints the client's and the operator's keys (only the operator's reads /stats), serves a
/// placed order through to Confirmed, and stops cleanly on Ctrl-C (SIGINT) with
/// exit code 0. Does not cover <c>--data-dir</c>; the dashboard's behaviour is Dashboard.Tests'.
/// </summary>
public class AppHostTests
{
    private const string ApiKey = "run-command-test-key-0123456789";
    private const string OperatorKey = "run-command-operator-key-0123456789";

    [Test]
    public async Task the_apphost_confirms_a_placed_order_and_stops_cleanly_on_ctrl_c()
    {
        TestPostgres.RequireLocalBinaries("platform run");

        var apiPort = FreePort.Next();
        var dashboardPort = FreePort.Next();
        var output = new StringBuilder();
        using var process = new Process
        {
            // Through env --default-signal=INT (coreutils; env execs, so the pid is the platform's):
            // SIGINT at its default disposition, as under a terminal. A test run started in a
            // non-interactive shell's background inherits SIGINT ignored, which .NET (like any
            // well-behaved program) keeps ignored, and the Ctrl-C below would never arrive.
            StartInfo = new ProcessStartInfo("env")
            {
                ArgumentList = { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "platform-apphost.dll"), "--postgres-port", FreePort.Next().ToString(), "--api-port", apiPort.ToString(), "--dashboard-port", dashboardPort.ToString(), "--api-key", ApiKey, "--operator-key", OperatorKey },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.WaitAsync(() => Task.FromResult(Text(output).Contains("Press", StringComparison.Ordinal)), "the AppHost to report it is running", TimeSpan.FromSeconds(120));
            var dashboard = $"http://127.0.0.1:{dashboardPort}";
            Assert.That(Text(output), Does.Contain(dashboard), "the dashboard's URL is printed");
            Assert.That(Text(output), Does.Contain(ApiKey).And.Contain(OperatorKey), "the client's and the operator's keys are printed");
            using (var anonymous = new HttpClient())
            {
                Assert.That(await anonymous.GetStringAsync(dashboard), Does.Contain("<title>Order platform dashboard</title>"));
                Assert.That(await anonymous.GetStringAsync($"http://127.0.0.1:{apiPort}/openapi/v1.json"), Does.Contain("\"openapi\""));
            }

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            http.DefaultRequestHeaders.Add(Orders.Api.Security.ApiKeys.Header, ApiKey);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
            {
                Content = JsonContent.Create(new { customerId = "alice", currency = "EUR", lines = new[] { new { sku = "SKU-001", quantity = 2, unitPrice = 12.5m } } }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var placed = await http.SendAsync(request);
            Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created), Text(output));
            var location = placed.Headers.Location!.ToString();

            await Eventually.WaitAsync(async () =>
            {
                using var json = JsonDocument.Parse(await http.GetStringAsync(location));
                return json.RootElement.GetProperty("status").GetString() == "Confirmed";
            }, "the order to be confirmed by the saga", TimeSpan.FromSeconds(90));

            // /stats counts every client's orders: the operator's key reads it, the client's does not.
            using var operatorHttp = new HttpClient { BaseAddress = http.BaseAddress };
            operatorHttp.DefaultRequestHeaders.Add(Orders.Api.Security.ApiKeys.Header, OperatorKey);
            using var clientStats = await http.GetAsync("/stats");
            using var operatorStats = await operatorHttp.GetAsync("/stats");
            Assert.That(clientStats.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(operatorStats.StatusCode, Is.EqualTo(HttpStatusCode.OK), await operatorStats.Content.ReadAsStringAsync());
        }
        finally
        {
            // Ctrl-C: SIGINT to the process.
            using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()]);
            await interrupt.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not stop on Ctrl-C: the assertion below reports it.
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.That(process.HasExited && process.ExitCode == 0, Is.True, "exit after Ctrl-C with code 0:\n" + Text(output));
        Assert.That(Text(output), Does.Contain("Stopped."));
    }

    [TestCase("--postgres-port")]
    [TestCase("--api-port")]
    [TestCase("--dashboard-port")]
    public async Task the_apphost_refuses_a_port_already_listened_on_naming_the_option(string option)
    {
        using var occupant = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var ports = new Dictionary<string, int> { ["--postgres-port"] = FreePort.Next(), ["--api-port"] = FreePort.Next(), ["--dashboard-port"] = FreePort.Next() };
        ports[option] = taken;
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "platform-apphost.dll"));
        foreach (var (name, port) in ports)
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(port.ToString());
        }

        // A platform run that did not refuse the taken port keeps running: a timeout, and the test fails.
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));

        var output = Words(stdout + stderr);
        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"{option} {taken}").And.Contain("cannot be listened on"));
        Assert.That(output, Does.Not.Contain("Starting the order platform"), "nothing was started");
    }

    [TestCase("--operator-key", "too-short", "--operator-key must be at least 16 characters")]
    [TestCase("--operator-key", ApiKey, "--api-key and --operator-key are the same")]
    public async Task the_apphost_refuses_a_bad_operator_key_naming_the_option(string option, string value, string expected)
    {
        var start = new ProcessStartInfo("dotnet");
        // Free ports, so that nothing but the key can be refused.
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "platform-apphost.dll"), "--postgres-port", FreePort.Next().ToString(), "--api-port", FreePort.Next().ToString(),
            "--dashboard-port", FreePort.Next().ToString(), "--api-key", ApiKey, option, value,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));

        var output = Words(stdout + stderr);
        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain(expected));
        Assert.That(output, Does.Not.Contain("Starting the order platform"), "nothing was started");
    }

    /// <summary>The console colours and wraps long lines at its width: the words alone.</summary>
    private static string Words(string output) => Regex.Replace(Regex.Replace(output, @"\x1b\[[0-9;]*m", ""), @"\s+", " ");

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
