using System.Net;
using System.Net.Sockets;

namespace Platform.Local;

/// <summary>Finds, or checks, a TCP port on loopback that nothing listens on right now.</summary>
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

    /// <summary>Whether a listener could bind <paramref name="port"/> on 127.0.0.1 now (false while something listens there, or when the port is reserved).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }
}
