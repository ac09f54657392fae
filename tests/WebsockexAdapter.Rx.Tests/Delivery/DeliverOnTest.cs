using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using static WebsockexAdapter.Rx.Testing.ReactiveTest;

namespace WebsockexAdapter.Rx.Tests.Delivery;

/// <summary>The <c>DeliverOn</c> operator on virtual time: each subscriber's queue, its policy, and a failing subscriber cut off alone.</summary>
public sealed class DeliverOnTest
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();
    private readonly Logs _logs = new();

    private DeliveryOptions Options(SlowConsumerPolicy? policy = null, TimeSpan? grace = null) => new()
    {
        Name = "book.BTC-PERPETUAL.100ms",
        Policy = policy ?? SlowConsumerPolicy.Queue(3),
        FailedSubscriberGrace = grace ?? TimeSpan.Zero,
        Logger = _logs,
        ConnectionId = () => "ws1-1",
    };

    [Fact]
    public void DeliverOn_HandsElementsOverOnTheScheduler_InOrder_NotOnTheProducersThread()
    {
        var source = new Subject<int>();
        var seen = new List<int>();
        using var subscription = source.DeliverOn(Options(), _scheduler).Subscribe(seen.Add);

        source.OnNext(1);
        source.OnNext(2);
        Assert.Empty(seen);

        _scheduler.AdvanceBy(1);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void DeliverOn_Completion_ComesAfterWhatWaited()
    {
        var results = _scheduler.Start(
            () => _scheduler.CreateHotObservable(OnNext(300, 1), OnNext(300, 2), OnCompleted<int>(300)).DeliverOn(Options(), _scheduler));

        Assert.Equal([OnNext(301, 1), OnNext(301, 2), OnCompleted<int>(301)], results.Messages);
    }

    [Fact]
    public void Queue_AFullQueue_EndsThatSubscriberWithSlowConsumerException_AndTheOthersGoOn()
    {
        var source = new Subject<int>();
        var stalled = new TestScheduler();
        var slowEnd = default(Exception);
        var slowSeen = new List<int>();
        var fastSeen = new List<int>();
        using var slow = source.DeliverOn(Options(), stalled).Subscribe(slowSeen.Add, e => slowEnd = e);
        using var fast = source.DeliverOn(Options(), _scheduler).Subscribe(fastSeen.Add);

        for (var i = 1; i <= 10; i++)
        {
            source.OnNext(i);
            _scheduler.AdvanceBy(1);
        }

        stalled.AdvanceBy(1);
        var error = Assert.IsType<SlowConsumerException>(slowEnd);
        Assert.Equal("book.BTC-PERPETUAL.100ms", error.Stream);
        Assert.Equal(3, error.Capacity);
        Assert.Empty(slowSeen);
        Assert.Equal(Enumerable.Range(1, 10), fastSeen);
        Assert.Contains(_logs.Lines, l => l.StartsWith("13 [ws1-1] The subscriber of book.BTC-PERPETUAL.100ms fell 3 elements", StringComparison.Ordinal));
    }

    [Fact]
    public void Queue_MemoryStaysBounded_ForASubscriberThatNeverCatchesUp()
    {
        var source = new Subject<object>();
        var stalled = new TestScheduler();
        using var slow = source.DeliverOn(Options(SlowConsumerPolicy.Queue(100)), stalled).Subscribe(_ => { }, _ => { });

        var pushed = Push(source, 10_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Once the queue overflowed, what waited was let go and nothing more was kept.
        Assert.True(pushed.Count(static w => w.IsAlive) <= 100, $"{pushed.Count(static w => w.IsAlive)} elements are still held");
    }

    [Fact]
    public void Latest_ABusySubscriberGetsOnlyTheNewest()
    {
        var source = new Subject<int>();
        var seen = new List<int>();
        using var subscription = source.DeliverOn(Options(SlowConsumerPolicy.Latest), _scheduler).Subscribe(seen.Add);

        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        _scheduler.AdvanceBy(1);
        source.OnNext(4);
        _scheduler.AdvanceBy(1);

        Assert.Equal([3, 4], seen);
    }

    [Fact]
    public void ASlowSubscriber_LetsWorkQueuedMeanwhileHaveTheThread_BetweenTwoOfItsElements()
    {
        // On the shared pool the work behind a drain is the receive loops and heartbeat timers of every connection.
        var pool = new QueuedScheduler();
        var order = new List<string>();
        var source = new Subject<int>();
        using var subscription = source.DeliverOn(Options(SlowConsumerPolicy.Queue(10)), pool).Subscribe(i =>
        {
            order.Add($"element {i}");
            pool.Now += TimeSpan.FromMilliseconds(50);
        });
        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        pool.Schedule(() => order.Add("receive loop"));

        pool.RunAll();

        Assert.Equal(["element 1", "receive loop", "element 2", "element 3"], order);
    }

    [Fact]
    public void AFastSubscriber_GetsWhatWaitedInOneDrain()
    {
        var pool = new QueuedScheduler();
        var order = new List<string>();
        var source = new Subject<int>();
        using var subscription = source.DeliverOn(Options(SlowConsumerPolicy.Queue(10)), pool).Subscribe(i => order.Add($"element {i}"));
        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        pool.Schedule(() => order.Add("receive loop"));

        pool.RunAll();

        Assert.Equal(["element 1", "element 2", "element 3", "receive loop"], order);
    }

    [Fact]
    public void AnObserverThatThrows_IsLoggedAndCutOff_AndItsSourceIsKeptForTheGrace()
    {
        var source = _scheduler.CreateHotObservable(OnNext(300, 1), OnNext(400, 2), OnNext(500, 3));
        var seen = new List<int>();
        var other = new List<int>();
        var stream = source.DeliverOn(Options(grace: TimeSpan.FromTicks(1000)), _scheduler);
        _scheduler.ScheduleAbsolute(0, 200, (_, _) =>
        {
            stream.Subscribe(v =>
            {
                seen.Add(v);
                throw new InvalidOperationException("strategy bug");
            });
            return stream.Subscribe(other.Add);
        });

        _scheduler.AdvanceTo(3000);

        Assert.Equal([1], seen);
        Assert.Equal([1, 2, 3], other);
        Assert.Equal(Subscribe(200, 1301), source.Subscriptions[0]);
        Assert.Contains(_logs.Lines, l => l.StartsWith("10 [ws1-1] An observer of book.BTC-PERPETUAL.100ms threw", StringComparison.Ordinal));
    }

    [Fact]
    public void AQueryWhoseObserverThrows_IsLoggedToo_NotCutSilently()
    {
        var source = new Subject<int>();
        using var subscription = source.DeliverOn(Options(), _scheduler)
            .Where(static v => v > 0)
            .Subscribe(_ => throw new InvalidOperationException("strategy bug"));

        source.OnNext(1);
        _scheduler.AdvanceBy(1);

        Assert.Contains(_logs.Lines, l => l.StartsWith("10 [ws1-1]", StringComparison.Ordinal) && l.Contains("strategy bug", StringComparison.Ordinal));
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void ASubscriberThatDisposesFromItsCallback_ReleasesTheSourceAtOnce()
    {
        var source = _scheduler.CreateHotObservable(OnNext(300, 1), OnNext(400, 2));
        var results = _scheduler.Start(() => source.DeliverOn(Options(grace: TimeSpan.FromTicks(1000)), _scheduler).Take(1));

        Assert.Equal([OnNext(301, 1), OnCompleted<int>(301)], results.Messages);
        Assert.Equal(Subscribe(200, 301), source.Subscriptions[0]);
        Assert.Empty(_logs.Lines);
    }

    [Fact]
    public void TheLag_IsRecordedPerSubscription_AndASlowSubscriberIsLoggedOnce()
    {
        var lags = new ConcurrentBag<(double Ms, string? Stream)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "websockex.delivery.lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stream" && (string?)tag.Value == "lag-test")
                {
                    lags.Add((ms, (string?)tag.Value));
                }
            }
        });
        listener.Start();
        var source = new Subject<int>();
        using var subscription = source.DeliverOn(Options() with { Name = "lag-test" }, _scheduler).Subscribe(v =>
        {
            if (v == 1)
            {
                _scheduler.Sleep(2 * Second);
            }
        });

        source.OnNext(1);
        source.OnNext(2);
        _scheduler.AdvanceBy(3 * Second);

        // The test scheduler runs "now" one tick later: the first element waited that tick; the second the two seconds
        // and a tick more, since after the slow callback the drain queued itself again behind other work.
        var tick = TimeSpan.FromTicks(1).TotalMilliseconds;
        Assert.Equal([tick, 2000 + (2 * tick)], lags.Select(l => l.Ms).Order());
        Assert.Single(_logs.Lines, l => l.StartsWith("14 [ws1-1] The subscriber of lag-test is slow", StringComparison.Ordinal));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> Push(Subject<object> source, int count)
    {
        var pushed = new List<WeakReference>(count);
        for (var i = 0; i < count; i++)
        {
            var element = new byte[100];
            pushed.Add(new WeakReference(element));
            source.OnNext(element);
        }

        return pushed;
    }

    /// <summary>Keeps each line as "event-id message exception-message".</summary>
    private sealed class Logs : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception?.Message}");
    }

    /// <summary>A thread pool with one thread, run by hand: what is scheduled runs in order when the test says; a callback moves the clock.</summary>
    private sealed class QueuedScheduler : IScheduler
    {
        private readonly Queue<Action> _queued = new();

        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
        {
            _queued.Enqueue(() => action(this, state));
            return Disposable.Empty;
        }

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
            throw new NotSupportedException("these tests schedule nothing for later");

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
            throw new NotSupportedException("these tests schedule nothing for later");

        public void RunAll()
        {
            while (_queued.TryDequeue(out var next))
            {
                next();
            }
        }
    }
}
