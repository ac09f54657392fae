using System.Net;
using System.Net.Sockets;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;

namespace WebsockexAdapter.Rx.Tests.Transport;

public sealed class ClientWebSocketTransportTest
{
    [Fact]
    public async Task ConnectTimeout_ServerAcceptsButNeverAnswersTheUpgrade_FailsWithConnectTimeout()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var client = new WebSocketClient(
            new Uri($"ws://127.0.0.1:{port}/"),
            new ClientOptions { ReconnectOnError = false, ConnectTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<ConnectTimeoutException>(
            () => client.Connections.FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("0.3", error.Message, StringComparison.Ordinal);
    }
}
