using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using WebsockexAdapter.Rx.Simulator;
using CancelOnDisconnectScope = WebsockexAdapter.Rx.Deribit.CancelOnDisconnectScope;

namespace WebsockexAdapter.Rx.Recording.Tests.Deribit;

/// <summary>
/// The backtest promise, end to end: a strategy attached to a live adapter on the simulator (over real sockets, with a
/// reconnect in the middle) is recorded; replayed, the same strategy gives the same output, and two replays of one
/// recording agree with each other, time-based operators included.
/// </summary>
public sealed class BacktestTest : IAsyncLifetime, IDisposable
{
    private const int Lines = 120;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempFiles _files = new();
    private DeribitSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await DeribitSimulator.StartAsync(new SimulatorOptions
    {
        MinHeartbeatInterval = TimeSpan.FromMilliseconds(200),
        NotificationInterval = TimeSpan.FromMilliseconds(10),
    });

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Replay_OfALiveSessionWithAReconnect_GivesTheStrategyTheSameOutput()
    {
        var path = _files.File();
        var live = await RecordLiveAsync(path);
        var recording = SessionRecording.Load(path);

        var replayed = Replay(recording, static adapter => BookStrategy.TopOfBook(adapter));

        Assert.Equal(Lines, live.Count);
        Assert.Contains(live, static l => l.StartsWith("book e2 Snapshot", StringComparison.Ordinal));
        Assert.Contains(live, static l => l.StartsWith("book e1 Reset", StringComparison.Ordinal));
        // Each stream is delivered from its own queue, so the order between the book and the ticker is no promise;
        // each stream's own sequence is. The live run took the first lines; the replay runs to the recording's end.
        foreach (var stream in new[] { "book ", "ticker " })
        {
            var liveLines = live.Where(l => l.StartsWith(stream, StringComparison.Ordinal)).ToList();
            var replayedLines = replayed.Where(l => l.StartsWith(stream, StringComparison.Ordinal)).Take(liveLines.Count).ToList();
            Assert.NotEmpty(liveLines);
            Assert.Equal(liveLines, replayedLines);
        }
    }

    [Fact]
    public async Task Replay_TwiceOverOneRecording_GivesIdenticalOutput_TimeBasedOperatorsIncluded()
    {
        var path = _files.File();
        await RecordLiveAsync(path);
        var recording = SessionRecording.Load(path);

        var first = Replay(recording, static (adapter, scheduler) => BookStrategy.Sampled(adapter, scheduler));
        var second = Replay(SessionRecording.Load(path), static (adapter, scheduler) => BookStrategy.Sampled(adapter, scheduler));

        Assert.True(first.Count > 5, $"{first.Count} lines");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Replay_AnOrderTheRecordingNeverPlaced_FailsWithATypedError()
    {
        var path = _files.File();
        await RecordLiveAsync(path);
        var options = Options();
        var replay = options.ReplayFrom(SessionRecording.Load(path));
        using var adapter = new DeribitAdapter(options);
        using var strategy = BookStrategy.TopOfBook(adapter).Subscribe(static _ => { });
        while (adapter.CurrentState.Status != AdapterStatus.Live && replay.Scheduler.Now < replay.Recording.End)
        {
            replay.RunTo(replay.Scheduler.Now.AddMilliseconds(1));
        }

        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);

        var buy = adapter.BuyAsync(new Rx.Deribit.OrderRequest { InstrumentName = BookStrategy.Instrument, Amount = 10, Price = 50_000 });
        replay.RunTo(replay.Scheduler.Now.AddMilliseconds(1));

        Assert.True(buy.IsFaulted);
        var error = Assert.IsType<ReplayRequestNotRecordedException>(buy.Exception!.InnerException);
        Assert.Equal("private/buy", error.Method);
    }

    /// <summary>Runs the strategy live against the simulator, recording: half its lines, a dropped connection, the rest.</summary>
    private async Task<List<string>> RecordLiveAsync(string path)
    {
        var options = Options();
        options.Url = _simulator.Uri;
        var lines = new List<string>();
        var half = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var recorder = options.Record(path))
        {
            using (var adapter = new DeribitAdapter(options))
            using (BookStrategy.TopOfBook(adapter).Take(Lines).Subscribe(
                line =>
                {
                    lines.Add(line);
                    if (lines.Count == Lines / 2)
                    {
                        half.TrySetResult();
                    }
                },
                () => all.TrySetResult()))
            {
                // Some time-based output for the replays: the book stream runs on past the strategy's lines. Subscribed
                // now, with the strategy, not after it: a book subscriber that joins a channel already running waits for
                // the next snapshot (a known gap, see the issue notes), which this test is not about.
                var more = adapter.SubscribeBook(BookStrategy.Instrument).Skip(150 + Lines).FirstAsync().ToTask();
                await half.Task.WaitAsync(Timeout);
                _simulator.DropAllConnections();
                await all.Task.WaitAsync(Timeout);
                await more.WaitAsync(Timeout);
            }
        }

        return lines;
    }

    private static List<string> Replay(SessionRecording recording, Func<DeribitAdapter, IObservable<string>> strategy) =>
        Replay(recording, (adapter, _) => strategy(adapter));

    private static List<string> Replay(SessionRecording recording, Func<DeribitAdapter, System.Reactive.Concurrency.IScheduler, IObservable<string>> strategy)
    {
        var options = Options();
        var replay = options.ReplayFrom(recording);
        var lines = new List<string>();
        using var adapter = new DeribitAdapter(options);
        using var subscription = strategy(adapter, replay.Scheduler).Subscribe(lines.Add);
        replay.Run();
        return lines;
    }

    /// <summary>The same options live and in the replays: what the adapter asks on each connection must be what was recorded.</summary>
    private static DeribitOptions Options() => new()
    {
        Url = new Uri("ws://127.0.0.1:1/ws/api/v2"),
        Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret },
        CancelOnDisconnect = CancelOnDisconnectScope.Connection,
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },

        // A live pong that is late on a loaded machine would end a connection the replay (which does its own keep-alive) keeps.
        Client = new ClientOptions { KeepAlive = KeepAliveOptions.Disabled },

        // The ticker's default keeps only the latest value for a consumer that falls behind, which a loaded machine
        // does live and virtual time never does: queue it, so both runs see every message.
        Delivery = new DeribitDeliveryOptions { Ticker = SlowConsumerPolicy.Queue() },
    };
}
