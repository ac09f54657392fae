using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>Ends a connection the hard way: no close frame, and a TCP reset where the socket can be reached.</summary>
internal static class SocketAborter
{
    public static void Abort(HttpContext context)
    {
        try
        {
            // Linger 0 turns the close into a reset (RST) instead of an orderly FIN.
            if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
            {
                socket.LingerState = new LingerOption(enable: true, seconds: 0);
            }
        }
        catch (ObjectDisposedException)
        {
            // Already gone: nothing left to reset.
        }
        catch (SocketException)
        {
            // The option could not be set: the abort below still ends the connection, with a FIN.
        }

        try
        {
            context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended while we were aborting it (its features are disposed): the connection is gone already.
        }
    }
}
