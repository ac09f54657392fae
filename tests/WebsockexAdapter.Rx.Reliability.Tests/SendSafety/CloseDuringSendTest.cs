using System.Collections.Concurrent;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.SendSafety;

/// <summary>CloseAsync while sends are under way and queued: it completes, and every send ends with success or a typed error.</summary>
public sealed class CloseDuringSendTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CloseAsync_DuringLargeSends_CompletesAndEverySendEndsCleanly()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception);
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            await peer.UpgradeAsync();
            await peer.ReadUntilCloseAsync();
            await peer.SendCloseAsync(1000);
            await peer.WaitForHangUpAsync();
        });
        using var client = new WebSocketClient(server.Uri, new ClientOptions { ReconnectOnError = false, MaxMessageSize = 16 * 1024 * 1024 });
        using var connected = new Connected(client);
        var connection = await connected.First(Timeout);
        TaskScheduler.UnobservedTaskException += OnUnobserved;

        var sends = Enumerable.Range(0, 16)
            .Select(i => Task.Run(async () => await connection.SendAsync(Frame.FromBinary(new byte[2 * 1024 * 1024]))))
            .ToArray();
        var close = connection.CloseAsync();
        await close.WaitAsync(Timeout);
        var outcomes = new List<string>();
        foreach (var send in sends)
        {
            try
            {
                await send.WaitAsync(Timeout);
                outcomes.Add("sent");
            }
            catch (WebSocketClientException error) when (error is NotConnectedException or ConnectionLostException)
            {
                outcomes.Add(error.GetType().Name);
            }
        }

        await server.WaitForAliveAsync(0, Timeout);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= OnUnobserved;

        Assert.Equal(16, outcomes.Count);
        Assert.Contains("NotConnectedException", outcomes);
        Assert.False(connection.IsOpen);
        Assert.Empty(unobserved);
        await Assert.ThrowsAsync<NotConnectedException>(async () => await connection.SendTextAsync("after close"));
    }
}
