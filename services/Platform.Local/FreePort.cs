using System.Net;
using System.Net.Sockets;

namespace Platform.Local;

/// <summary>Finds a TCP port on loopback that nothing listens on right now.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for an ephemeral loopback port and releases it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
