using System.Reactive.Concurrency;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.Disposal;

/// <summary>
/// Disposal at every stage of a connection's life, on virtual time: nothing escapes, every scripted socket is
/// disposed, and no timer is left on the scheduler (a counting wrapper sees every piece of work scheduled).
/// </summary>
public sealed class VirtualTimeDisposalTest
{
    private readonly TestScheduler _clock = new();
    private readonly CountingScheduler _scheduler;
    private readonly ScriptedTransport _server;

    public VirtualTimeDisposalTest()
    {
        _scheduler = new CountingScheduler(_clock);
        _server = new ScriptedTransport(_clock);
    }

    /// <summary>Runs <paramref name="action"/> on the scheduler, where everything on virtual time runs (with no synchronization context).</summary>
    private void Now(Action action)
    {
        _clock.Schedule(action);
        _clock.AdvanceBy(1);
    }

    public static TheoryData<string> Stages => ["connecting", "connected", "backoff", "closing without an answer"];

    [Theory]
    [MemberData(nameof(Stages))]
    public void DisposingTheClient_LeavesNoSocketAndNoTimer(string stage)
    {
        _server.OnConnect = stage switch
        {
            "connecting" => static _ => { },
            "backoff" => static socket => socket.Refuse(),
            _ => static socket => socket.Accept(),
        };
        _server.EchoClose = stage != "closing without an answer";
        var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = _scheduler,
            TransportFactory = _server,
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(5), UseJitter = false },
        });
        using var frames = client.Frames.Subscribe(_ => { }, _ => { });
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
        Assert.Equal(stage switch
        {
            "connecting" => ConnectionStatus.Connecting,
            "backoff" => ConnectionStatus.Reconnecting,
            _ => ConnectionStatus.Connected,
        }, client.CurrentState.Status);
        Assert.True(_scheduler.Pending > 0, "a timer is running before the disposal (connect timeout, backoff or keep-alive)");

        Now(client.Dispose);
        Now(client.Dispose);
        // A close this side started waits for the server's close frame, at most CloseTimeout.
        _clock.AdvanceBy(ClientOptions.DefaultCloseTimeout.Ticks + 1);

        Assert.All(_server.Sockets, s => Assert.True(s.IsDisposed));
        Assert.Equal(0, _scheduler.Pending);
        Assert.Equal(ConnectionStatus.Disconnected, client.CurrentState.Status);
    }

    [Fact]
    public void DisposingTheClient_FromInsideOnNext_ClosesTheConnection()
    {
        _server.OnConnect = static socket => socket.Accept();
        var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions { Scheduler = _scheduler, TransportFactory = _server });
        var seen = 0;
        using var frames = client.Frames.Subscribe(_ =>
        {
            seen++;
            client.Dispose();
        });
        _clock.AdvanceBy(1);
        _clock.Schedule(() => _server.Last.SendText("one"));
        _clock.Schedule(TimeSpan.FromTicks(2), () => _server.Last.SendText("two"));
        _clock.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        Assert.Equal(1, seen);
        Assert.True(_server.Last.IsDisposed);
        Assert.Equal(0, _scheduler.Pending);
    }

    public static TheoryData<string> AdapterStages => ["connecting", "restoring", "backoff", "live"];

    [Theory]
    [MemberData(nameof(AdapterStages))]
    public void DisposingTheAdapter_LeavesNoSocketAndNoTimer(string stage)
    {
        _server.OnConnect = stage switch
        {
            "connecting" => static _ => { },
            "backoff" => static socket => socket.Refuse(),
            _ => static socket => socket.Accept(),
        };
        if (stage == "live")
        {
            // Just enough exchange to get live: every request answered "ok".
            _server.OnClientFrame = static (socket, frame) =>
            {
                var request = System.Text.Json.JsonDocument.Parse(frame.Payload).RootElement;
                var result = request.GetProperty("method").GetString()!.EndsWith("/subscribe", StringComparison.Ordinal)
                    ? request.GetProperty("params").GetProperty("channels").GetRawText()
                    : "\"ok\"";
                socket.SendAfter(TimeSpan.Zero, Frame.FromText($"{{\"jsonrpc\":\"2.0\",\"id\":{request.GetProperty("id").GetInt64()},\"result\":{result}}}"));
            };
        }

        var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = new Uri("wss://exchange.test/ws/api/v2"),
            Scheduler = _scheduler,
            Client = new ClientOptions { TransportFactory = _server },
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(5), UseJitter = false },
        });
        using var ticker = adapter.Subscribe("deribit_price_index.btc_usd").Subscribe(_ => { }, _ => { });
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
        Assert.Equal(stage switch
        {
            "connecting" => AdapterStatus.Connecting,
            "restoring" => AdapterStatus.Restoring,
            "backoff" => AdapterStatus.Reconnecting,
            _ => AdapterStatus.Live,
        }, adapter.CurrentState.Status);
        Assert.True(_scheduler.Pending > 0, "a timer is running before the disposal");

        Now(adapter.Dispose);
        Now(adapter.Dispose);
        _clock.AdvanceBy(ClientOptions.DefaultCloseTimeout.Ticks + 1);

        Assert.All(_server.Sockets, s => Assert.True(s.IsDisposed));
        Assert.Equal(0, _scheduler.Pending);
        Assert.Equal(AdapterStatus.Stopped, adapter.CurrentState.Status);
    }
}
