using System.Reactive.Concurrency;
using WebsockexAdapter.Rx.Tests.Support;

namespace WebsockexAdapter.Rx.Tests.Delivery;

/// <summary>
/// A receive loop starts its subscribers' drains once per burst of frames that arrived together, not once per frame,
/// and a frame that arrives alone is handed on as soon as it arrived. The drains run on a scheduler that runs them at
/// once and counts them: a subscriber faster than the receive loop, whose queue is empty again after every drain.
/// </summary>
public sealed class DeliveryBatchTest : IDisposable
{
    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly WebSocketClient _client;
    private readonly CountingScheduler _drains;
    private readonly List<(int Value, long At)> _seen = [];
    private readonly IConnection _connection;
    private readonly IDisposable _subscription;

    public DeliveryBatchTest()
    {
        _server = new ScriptedTransport(_scheduler);
        _client = ScriptedClient.Create(_scheduler, _server);
        IConnection? connection = null;
        _client.Connections.Subscribe(c => connection = c, _ => { });
        _scheduler.AdvanceBy(1);
        _connection = connection!;
        _drains = new CountingScheduler(_scheduler);
        var options = new DeliveryOptions { Name = "frames", Policy = SlowConsumerPolicy.Queue(1_000) };
        _subscription = new DeliverOn<Frame>(_connection.Frames, options, _drains, holdsInBursts: true).Subscribe(
            frame => _seen.Add((Number(frame), _scheduler.Clock)),
            _ => _seen.Add((-1, _scheduler.Clock)));
    }

    [Fact]
    public void ABurstOfFrames_StartsOneDrainPerMaxFrames_AndDeliversEveryFrameInOrder_AtItsArrivalTime()
    {
        _scheduler.AdvanceTo(100);

        _server.Last.SendTogether(Enumerable.Range(1, 100).Select(static i => Frame.FromText(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal((100 + DeliveryBatch.MaxFrames - 1) / DeliveryBatch.MaxFrames, _drains.Started);
        Assert.Equal(Enumerable.Range(1, 100), _seen.Select(s => s.Value));
        Assert.All(_seen, s => Assert.Equal(100, s.At));
    }

    [Fact]
    public void FramesThatArriveOneAtATime_AreEachHandedOnBeforeTheLoopWaitsForTheNext()
    {
        for (var i = 1; i <= 3; i++)
        {
            _server.Last.SendText(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(i, _drains.Started);
            Assert.Equal(i, _seen[^1].Value);
        }
    }

    [Fact]
    public void FramesHeldWhenTheSocketBreaksRightAfterThem_AreDeliveredBeforeTheError()
    {
        // Frames 1 and 2 and then the break arrive while frame 0 is being handed out: the loop never waits on the socket.
        using var server = _connection.Frames.Subscribe(frame =>
        {
            if (Number(frame) == 0)
            {
                _server.Last.SendTogether([Frame.FromText("1"), Frame.FromText("2")]);
                _server.Last.Drop();
            }
        });

        _server.Last.SendText("0");

        Assert.Equal([0, 1, 2, -1], _seen.Select(s => s.Value));
    }

    private static int Number(Frame frame) => int.Parse(frame.Text, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _subscription.Dispose();
        _client.Dispose();
    }

    /// <summary>Runs what is scheduled now at once, on the caller's thread, and counts it; timers go to the virtual clock.</summary>
    private sealed class CountingScheduler(IScheduler clock) : IScheduler
    {
        public int Started { get; private set; }

        public DateTimeOffset Now => clock.Now;

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
        {
            Started++;
            return action(this, state);
        }

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
            clock.Schedule(state, dueTime, (_, s) => action(this, s));

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
            clock.Schedule(state, dueTime, (_, s) => action(this, s));
    }
}
