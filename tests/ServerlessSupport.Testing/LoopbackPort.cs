using System.Net;
using System.Net.Sockets;

namespace ServerlessSupport.Testing;

/// <summary>Ports on 127.0.0.1 for servers a test or bench starts itself.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (the OS's pick for port 0, released at once).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
