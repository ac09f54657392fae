using System.Collections.Concurrent;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Tests.Loopback;
using WebsockexAdapter.Rx.WebsocketClient;
using Xunit.Abstractions;

namespace WebsockexAdapter.Rx.Tests.Transport;

/// <summary>
/// A thousand times: connect to a real server, which drops the socket at once, and reconnect with no delay. There is
/// never more than one socket at a time, and afterwards nothing may be left: no socket on either side, no connection kept alive by a forgotten subscription or timer, and
/// no growth in the process's open file descriptors.
/// </summary>
[Collection(nameof(Serial))]
public sealed class ConnectionCycleTest(ITestOutputHelper output)
{
    private const int Cycles = 1000;
    private const int WarmUp = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Transports => ["ClientWebSocket", "Websocket.Client", "RFC 6455"];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ThousandConnectDropCycles_LeaveNoSocketOrSubscriptionBehind(string transport)
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var sockets = new CountingTransportFactory(transport switch
        {
            "ClientWebSocket" => ClientWebSocketTransportFactory.Instance,
            "Websocket.Client" => WebsocketClientTransportFactory.Instance,
            _ => Rfc6455TransportFactory.Instance,
        });
        var connections = new ConcurrentQueue<WeakReference<IConnection>>();
        var handlesAfterWarmUp = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var client = new WebSocketClient(server.Uri, Options(sockets)))
        using (client.Connections.Subscribe(connection =>
        {
            connections.Enqueue(new WeakReference<IConnection>(connection));
            if (connections.Count == WarmUp)
            {
                handlesAfterWarmUp = OpenHandles();
            }
            else if (connections.Count == Cycles)
            {
                done.TrySetResult();
            }
        }))
        {
            await done.Task.WaitAsync(Patience);
        }

        await sockets.WaitUntilAsync(s => s.Live == 0, Patience);
        await server.WaitUntilAsync(s => s.LiveSockets == 0, Patience);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var handlesAtEnd = OpenHandles();
        output.WriteLine($"{sockets.Created} sockets in {server.Upgrades} upgrades; open handles {handlesAfterWarmUp} after warm-up, {handlesAtEnd} at the end");
        Assert.True(sockets.Created >= Cycles, $"{sockets.Created} sockets created");
        Assert.Equal(1, sockets.MostLive);
        Assert.Equal(0, connections.Count(c => c.TryGetTarget(out _)));
        Assert.InRange(handlesAtEnd, 0, handlesAfterWarmUp + 16);
    }

    private static ClientOptions Options(IWebSocketTransportFactory transport) => new()
    {
        TransportFactory = transport,
        KeepAlive = KeepAliveOptions.Disabled,
        Backoff = TestStreams.Immediately,
    };

    /// <summary>Open file descriptors (sockets included) on Linux; the handle count elsewhere.</summary>
    private static int OpenHandles() => OperatingSystem.IsLinux()
        ? Directory.GetFileSystemEntries("/proc/self/fd").Length
        : System.Diagnostics.Process.GetCurrentProcess().HandleCount;
}
