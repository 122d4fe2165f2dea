using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Security;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// A client that stops sending in the middle of a POST /orders body (it hung up, or its
/// Content-Length lied) is the client's failure, not the service's: no order, nothing logged as
/// an error, and the service stays ready. Only a real server (Kestrel) frames bodies by
/// Content-Length, so this API listens on a port and the request is written on a socket.
/// </summary>
public class CutShortBodyTests
{
    private readonly ConcurrentQueue<string> _logs = new();
    private OrdersApiScenario _api = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = await OrdersApiScenario.StartAsync(
            "cut_short_body",
            services: services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(_logs)),
            // Kestrel's "connection stopped" (Debug) says the request was handled to its end.
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel"] = "Debug" });
        _api.Factory.UseKestrel(0);
        _api.Factory.StartServer();
        var addresses = _api.Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        _address = new Uri(addresses.Addresses.First());
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task a_body_cut_short_by_the_client_writes_nothing_logs_no_error_and_the_service_stays_ready()
    {
        const string partial = """{"customerId":"c-1","currency":"EUR","lines":[""";
        var head = $"POST /orders HTTP/1.1\r\nHost: {_address.Authority}\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {partial.Length + 100}\r\nIdempotency-Key: {Guid.NewGuid()}\r\n" +
            $"{ApiKeys.Header}: {TestClients.KeyOf(TestClients.Default)}\r\n\r\n";
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(_address.Host, _address.Port);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head + partial));
            // 100 bytes short, the client stops sending.
            client.Client.Shutdown(SocketShutdown.Send);
            await Eventually.WaitAsync(
                () => Task.FromResult(_logs.Any(line => line.Contains("Kestrel.Connections", StringComparison.Ordinal) && line.Contains(" stopped.", StringComparison.Ordinal))),
                "Kestrel to finish with the connection");
        }

        Assert.That(_logs.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)),
            Is.Empty);
        await _api.AssertNothingWrittenAsync();
        using var http = new HttpClient { BaseAddress = _address };
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.That(ready.IsSuccessStatusCode, Is.True, await ready.Content.ReadAsStringAsync());
    }
}
