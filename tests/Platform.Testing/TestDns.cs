using System.Net;
using System.Net.Sockets;
using NUnit.Framework;

namespace Platform.Testing;

/// <summary>Preconditions on this machine's name resolver.</summary>
public static class TestDns
{
    /// <summary>
    /// Returns when the resolver answers "no such host" for <paramref name="host"/> (use a name under
    /// <c>.invalid</c>, which never resolves: RFC 6761); fails the test when it resolves, and skips it
    /// with the reason when the resolver cannot answer at all (no DNS here).
    /// </summary>
    public static async Task RequireNoSuchHostAsync(string host)
    {
        try
        {
            await Dns.GetHostAddressesAsync(host);
            Assert.Fail($"{host} resolved on this machine");
        }
        catch (SocketException ex) when (ex.SocketErrorCode != SocketError.HostNotFound)
        {
            Assert.Ignore($"This machine's resolver does not answer 'no such host' for {host} ({ex.SocketErrorCode}).");
        }
        catch (SocketException)
        {
            // No such host, as required.
        }
    }
}
