using System.Text;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.HostileInput;

/// <summary>
/// Servers that misbehave before the WebSocket exists: the attempt ends with a typed error within the connect timeout,
/// its socket is released, and the client tries again (policy: docs/hostile-input.md).
/// </summary>
public sealed class HostileHandshakeTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task AServerThatAcceptsTcpButNeverUpgrades_TimesOut_IsRetried_AndLeavesNoSocketOpen()
    {
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WaitForHangUpAsync();
        });
        var client = new RecordingClient(server.Uri, o => o with { ConnectTimeout = ConnectTimeout });

        await server.WaitForAcceptedAsync(3, Timeout);
        await client.Changes.WaitAsync(() => client.Errors.Count >= 2, Timeout, "two failed attempts");
        client.Dispose();
        await server.WaitForAliveAsync(0, Timeout);

        Assert.All(client.Errors, e => Assert.IsType<ConnectTimeoutException>(e));
        Assert.Empty(client.Frames);
    }

    [Fact]
    public async Task AHandshakeAnsweredAfterTheTimeout_IsAbandoned_AndTheNextAttemptConnects()
    {
        var gaveUp = new TaskCompletionSource();
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            var request = await peer.ReadRequestAsync();
            if (peer.Number == 1)
            {
                // Answers only once the client has given up on this attempt.
                await gaveUp.Task.WaitAsync(Timeout);
                await peer.WriteRawAsync(Encoding.ASCII.GetBytes(RawPeer.UpgradeResponse(request)));
                await peer.WaitForHangUpAsync();
                return;
            }

            await peer.WriteRawAsync(Encoding.ASCII.GetBytes(RawPeer.UpgradeResponse(request)));
            await peer.SendTextAsync($"hello {peer.Number}");
            await peer.WaitForHangUpAsync();
        });
        using var client = new RecordingClient(server.Uri, o => o with { ConnectTimeout = ConnectTimeout });

        await client.WaitForErrorAsync(Timeout);
        gaveUp.TrySetResult();
        await client.WaitForFrameAsync("hello 2", Timeout);
        await server.WaitForAliveAsync(1, Timeout);

        Assert.IsType<ConnectTimeoutException>(Assert.Single(client.Errors));
        Assert.Equal(["hello 2"], client.Frames);
    }

    [Fact]
    public async Task AHandshakeAnsweredOneByteAtATime_Connects()
    {
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            var response = Encoding.ASCII.GetBytes(RawPeer.UpgradeResponse(await peer.ReadRequestAsync()));
            for (var i = 0; i < response.Length; i++)
            {
                await peer.WriteRawAsync(response.AsMemory(i, 1));
            }

            await peer.SendTextAsync("hello");
            await peer.WaitForHangUpAsync();
        });
        using var client = new RecordingClient(server.Uri);

        await client.WaitForFrameAsync("hello", Timeout);

        Assert.Empty(client.Errors);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, true)]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", 503, true)]
    [InlineData("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", 403, false)]
    public async Task AnHttpAnswerThatIsNotAnUpgrade_IsAHandshakeRejection(string answer, int status, bool transient)
    {
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteRawAsync(Encoding.ASCII.GetBytes(answer));
            await peer.WaitForHangUpAsync();
        });
        using var client = new RecordingClient(server.Uri);

        await client.Changes.WaitAsync(
            () => transient ? !client.Errors.IsEmpty : client.Client.CurrentState.Status == ConnectionStatus.Faulted,
            Timeout,
            transient ? "a retry after the rejection" : "the client to give up");

        var rejected = Assert.IsType<HandshakeRejectedException>(transient ? client.Errors.First() : client.Client.CurrentState.Error);
        Assert.Equal(status, (int)rejected.StatusCode);
        Assert.Equal(transient, rejected.IsTransient);
    }
}
