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

    // How long the continuations that end a connection may still hold it once its socket is released (CollectAsync).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

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
        var (reachable, collections) = await CollectAsync(connections, Settle);

        var handlesAtEnd = OpenHandles();
        output.WriteLine($"{sockets.Created} sockets in {server.Upgrades} upgrades; open handles {handlesAfterWarmUp} after warm-up, {handlesAtEnd} at the end; {collections} collection(s)");
        Assert.True(sockets.Created >= Cycles, $"{sockets.Created} sockets created");
        Assert.Equal(1, sockets.MostLive);
        Assert.Equal(0, reachable);
        Assert.InRange(handlesAtEnd, 0, handlesAfterWarmUp + 16);
    }

    /// <summary>
    /// Collects until no connection is reachable, or <paramref name="settle"/> has passed; returns how many still are.
    /// A released socket does not mean everything is done with its connection: the receive loop releases the socket
    /// before it completes the connection, and the attempt that opened it resumes after that to end its sequence. On a
    /// loaded machine that continuation can still be waiting for a thread when the collector first runs, and it holds
    /// the last connection (seen: one collection later it was gone). A connection that a forgotten subscription holds
    /// stays reachable however often the collector runs; so does one that a timer left running holds, until the timer
    /// fires: the close timeout is set far beyond <paramref name="settle"/> for that.
    /// </summary>
    private static async Task<(int Reachable, int Collections)> CollectAsync(IEnumerable<WeakReference<IConnection>> connections, TimeSpan settle)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var collections = 1; ; collections++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var reachable = connections.Count(c => c.TryGetTarget(out _));
            if (reachable == 0 || clock.Elapsed > settle)
            {
                return (reachable, collections);
            }

            // Gives the continuation that still holds one its turn; the collections themselves pace this loop.
            await Task.Yield();
        }
    }

    private static ClientOptions Options(IWebSocketTransportFactory transport) => new()
    {
        TransportFactory = transport,
        KeepAlive = KeepAliveOptions.Disabled,
        Backoff = TestStreams.Immediately,
        CloseTimeout = Patience,
    };

    /// <summary>Open file descriptors (sockets included) on Linux; the handle count elsewhere.</summary>
    private static int OpenHandles() => OperatingSystem.IsLinux()
        ? Directory.GetFileSystemEntries("/proc/self/fd").Length
        : System.Diagnostics.Process.GetCurrentProcess().HandleCount;
}
