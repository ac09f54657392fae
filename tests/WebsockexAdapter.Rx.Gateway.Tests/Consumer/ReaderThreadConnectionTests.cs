using System.Net;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx.Gateway.Tests.Consumer;

public sealed class ReaderThreadConnectionTests
{
    [Fact]
    public async Task DisposeRightAfterAReceiveIsAsked_TheReceiveEnds_InsteadOfNeverCompleting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var uri = new Uri($"nats://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

        // The reader thread may start the receive before or after the disposal; both orders must end the receive (an
        // error, or 0 bytes: the socket closed), which is how NATS.Net's read loop learns that the connection is gone.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var connection = await ReaderThreadConnection.ConnectAsync(uri, CancellationToken.None);
            using var accepted = await listener.AcceptSocketAsync();
            var receive = connection.ReceiveAsync(new byte[16]).AsTask();
            await connection.DisposeAsync();

            var error = await Record.ExceptionAsync(async () => Assert.Equal(0, await receive.WaitAsync(TimeSpan.FromSeconds(5))));
            Assert.True(error is null or ObjectDisposedException or SocketException, $"attempt {attempt}: {error}");
        }
    }
}
