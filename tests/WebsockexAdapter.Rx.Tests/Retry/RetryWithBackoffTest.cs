using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Tests.Retry;

public sealed class RetryWithBackoffTest : ReactiveTest
{
    private static readonly InvalidOperationException Boom = new("boom");

    private static BackoffOptions Plain(long initialTicks, double multiplier = 2, long maxTicks = 1_000_000, int maxAttempts = BackoffOptions.Unlimited) => new()
    {
        InitialDelay = TimeSpan.FromTicks(initialTicks),
        Multiplier = multiplier,
        MaxDelay = TimeSpan.FromTicks(maxTicks),
        UseJitter = false,
        MaxAttempts = maxAttempts,
        CircuitBreaker = null,
    };

    [Fact]
    public void RetryWithBackoff_AfterAHealthyRun_RetriesAtOnceThenAfterExponentiallyGrowingDelays()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnNext(5, 1), OnError<int>(10, Boom));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler), disposed: 1000);

        // Fails 10 ticks after each subscription. The first run delivered, so the first retry is at once (the test
        // scheduler runs "now" one tick later); then the series goes on as if that retry had not been: 100, 200, 400.
        Assert.Equal([Subscribe(200, 210), Subscribe(211, 221), Subscribe(321, 331), Subscribe(531, 541), Subscribe(941, 951)], source.Subscriptions);
        Assert.Equal([OnNext(205, 1), OnNext(216, 1), OnNext(326, 1), OnNext(536, 1), OnNext(946, 1)], results.Messages);
    }

    [Fact]
    public void RetryWithBackoff_AfterARunThatNeverDelivered_WaitsTheInitialDelay()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler), disposed: 1000);

        Assert.Equal([Subscribe(200, 210), Subscribe(310, 320), Subscribe(520, 530), Subscribe(930, 940)], source.Subscriptions);
    }

    [Fact]
    public void RetryWithBackoff_FirstRetryAfterDrop_IsTheDelayOfTheFirstRetryAfterAHealthyRun()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnNext(5, 1), OnError<int>(10, Boom));
        var backoff = Plain(100) with { FirstRetryAfterDrop = TimeSpan.FromTicks(30) };

        scheduler.Start(() => source.RetryWithBackoff(backoff, scheduler), disposed: 500);

        Assert.Equal([Subscribe(200, 210), Subscribe(240, 250), Subscribe(350, 360)], source.Subscriptions);
    }

    [Fact]
    public void RetryWithBackoff_WithSeededJitter_ResubscribesAfterTheJitteredDelays()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));
        var options = Plain(1000, maxTicks: 1_000_000) with { UseJitter = true, JitterSeed = 42 };
        var schedule = new BackoffSchedule(options);
        var expected = Enumerable.Range(0, 4).Select(n => schedule.NextDelay(n).Ticks).ToList();

        scheduler.Start(() => source.RetryWithBackoff(options, scheduler), disposed: 200 + expected.Sum() + 45);

        // Each subscription starts its jittered delay after the one before failed (10 ticks in).
        var starts = source.Subscriptions.Select(s => s.Subscribe).ToList();
        Assert.Equal(5, starts.Count);
        for (var n = 0; n < 4; n++)
        {
            Assert.Equal(starts[n] + 10 + expected[n], starts[n + 1]);
        }

        Assert.Equal(4, expected.Distinct().Count());
    }

    [Fact]
    public void RetryWithBackoff_NeverWaitsLongerThanTheCap()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        scheduler.Start(() => source.RetryWithBackoff(Plain(100, maxTicks: 250), scheduler), disposed: 1100);

        // Delays 100, 200, then capped at 250, 250.
        Assert.Equal(
            [Subscribe(200, 210), Subscribe(310, 320), Subscribe(520, 530), Subscribe(780, 790), Subscribe(1040, 1050)],
            source.Subscriptions);
    }

    [Fact]
    public void RetryWithBackoff_PassesTheErrorOnAfterMaxAttempts()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(100, maxAttempts: 2), scheduler));

        Assert.Equal([Subscribe(200, 210), Subscribe(310, 320), Subscribe(520, 530)], source.Subscriptions);
        Assert.Equal([OnError<int>(530, Boom)], results.Messages);
    }

    [Fact]
    public void RetryWithBackoff_WithZeroMaxAttempts_DoesNotRetryAtAll()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(100, maxAttempts: 0), scheduler));

        Assert.Equal([Subscribe(200, 210)], source.Subscriptions);
        Assert.Equal([OnError<int>(210, Boom)], results.Messages);
    }

    [Fact]
    public void RetryWithBackoff_StopsAtOnceOnAnErrorShouldRetryRejects()
    {
        var scheduler = new TestScheduler();
        var fatal = new HandshakeRejectedException(System.Net.HttpStatusCode.Unauthorized);
        var source = scheduler.CreateColdObservable(OnError<int>(10, fatal));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler));

        Assert.Equal([Subscribe(200, 210)], source.Subscriptions);
        Assert.Equal([OnError<int>(210, fatal)], results.Messages);
    }

    [Fact]
    public void RetryWithBackoff_UsesTheCustomShouldRetry()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler, shouldRetry: e => e is not InvalidOperationException));

        Assert.Equal([Subscribe(200, 210)], source.Subscriptions);
        Assert.Equal([OnError<int>(210, Boom)], results.Messages);
    }

    [Fact]
    public void RetryWithBackoff_PassesCompletionOnWithoutRetrying()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnNext(5, 7), OnCompleted<int>(10));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler));

        Assert.Equal([Subscribe(200, 210)], source.Subscriptions);
        Assert.Equal([OnNext(205, 7), OnCompleted<int>(210)], results.Messages);
    }

    [Fact]
    public void RetryWithBackoff_WithJitter_StartsTheJitteredSeriesOverAfterAHealthyRun()
    {
        var scheduler = new TestScheduler();
        var second = TimeSpan.FromSeconds(1).Ticks;

        // Eight quick failures climb the jittered series to its 4 s cap; then a run stays up 10 s (ResetAfter is 5 s).
        var runs = 0;
        var source = Observable.Defer(() => ++runs == 9
            ? scheduler.CreateColdObservable(OnNext(1, runs), OnError<int>(10 * second, Boom))
            : scheduler.CreateColdObservable(OnError<int>(10, Boom)));
        var backoff = new BackoffOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(4),
            UseJitter = true,
            JitterSeed = 7,
            ResetAfter = TimeSpan.FromSeconds(5),
            CircuitBreaker = null,
        };
        var delays = new List<TimeSpan>();

        scheduler.Start(() => source.RetryWithBackoff(backoff, scheduler, onRetry: e => delays.Add(e.Delay)), disposed: 60 * second);

        // The healthy run's failure starts a fresh series: the first retry is at once (FirstRetryAfterDrop), and the
        // one after it is drawn from the start of the jittered series, as the very first one was.
        var fresh = new BackoffSchedule(backoff).NextDelay(0);
        Assert.Equal(fresh, delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(4), delays[7]);
        Assert.Equal(TimeSpan.Zero, delays[8]);
        Assert.Equal(fresh, delays[9]);
    }

    [Fact]
    public void RetryWithBackoff_StartsTheDelaysOverAfterAHealthyRun()
    {
        var scheduler = new TestScheduler();

        // Run 1 fails at once. Run 2 delivers, stays up 600 ticks (longer than ResetAfter, 500), then fails.
        var runs = 0;
        var source = Observable.Defer(() => ++runs == 2
            ? scheduler.CreateColdObservable(OnNext(1, runs), OnError<int>(600, Boom))
            : scheduler.CreateColdObservable(OnError<int>(10, Boom)));
        var delays = new List<TimeSpan>();

        scheduler.Start(
            () => source.RetryWithBackoff(Plain(100) with { ResetAfter = TimeSpan.FromTicks(500) }, scheduler, onRetry: e => delays.Add(e.Delay)),
            disposed: 1015);

        // Run 2's failure (at 910) starts a fresh series: at once (it was healthy), then 100 again, not 200.
        Assert.Equal([TimeSpan.FromTicks(100), TimeSpan.Zero, TimeSpan.FromTicks(100)], delays);
    }

    [Fact]
    public void RetryWithBackoff_KeepsGrowingTheDelaysAfterAShortRun()
    {
        var scheduler = new TestScheduler();
        var runs = 0;
        var source = Observable.Defer(() => ++runs == 2
            ? scheduler.CreateColdObservable(OnNext(1, runs), OnError<int>(100, Boom))
            : scheduler.CreateColdObservable(OnError<int>(10, Boom)));
        var delays = new List<TimeSpan>();

        scheduler.Start(
            () => source.RetryWithBackoff(Plain(100) with { ResetAfter = TimeSpan.FromTicks(500) }, scheduler, onRetry: e => delays.Add(e.Delay)),
            disposed: 1000);

        Assert.Equal([TimeSpan.FromTicks(100), TimeSpan.FromTicks(200), TimeSpan.FromTicks(400)], delays);
    }

    [Fact]
    public void RetryWithBackoff_DisposedDuringTheDelay_CancelsThePendingAttemptAndLeavesNoTimer()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        // Fails at 210; the retry would come at 210 + 10,000. Disposed at 500.
        scheduler.Start(() => source.RetryWithBackoff(Plain(10_000), scheduler), disposed: 500);

        Assert.Equal([Subscribe(200, 210)], source.Subscriptions);

        // Start ran the queue dry: had the retry timer survived, the clock would have moved to its due time.
        Assert.Equal(500, scheduler.Clock);
    }

    [Fact]
    public void RetryWithBackoff_WhenTheSchedulerRunsTheRetryInline_KeepsTheNewSubscription()
    {
        // A zero delay on a thread-pool scheduler may run the retry before Schedule returns; the immediate
        // scheduler always does. The handle Schedule returns must not then dispose the subscription the retry made.
        var subscriptions = 0;
        var disposals = 0;
        var source = Observable.Create<int>(observer =>
        {
            if (++subscriptions < 3)
            {
                observer.OnError(Boom);
            }
            else
            {
                observer.OnNext(subscriptions);
            }

            return System.Reactive.Disposables.Disposable.Create(() => disposals++);
        });
        var values = new List<int>();

        using var subscription = source.RetryWithBackoff(Plain(0), System.Reactive.Concurrency.ImmediateScheduler.Instance).Subscribe(values.Add);

        Assert.Equal([3], values);
        Assert.Equal(3, subscriptions);
        Assert.Equal(2, disposals);
    }

    [Fact]
    public void RetryWithBackoff_ReportsEachRetryWithItsNumberDelayAndError()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));
        var events = new List<RetryEvent>();

        scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler, onRetry: events.Add), disposed: 500);

        Assert.Equal(
            [new RetryEvent(1, TimeSpan.FromTicks(100), Boom, false), new RetryEvent(2, TimeSpan.FromTicks(200), Boom, false)],
            events);
    }

    [Fact]
    public void RetryWithBackoff_AThrowingRetryCallbackDoesNotStopTheRetries()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        scheduler.Start(() => source.RetryWithBackoff(Plain(100), scheduler, onRetry: _ => throw new InvalidOperationException("callback bug")), disposed: 600);

        Assert.Equal(3, source.Subscriptions.Count);
    }

    [Fact]
    public void RetryWithBackoff_RejectsBadArguments()
    {
        var scheduler = new TestScheduler();
        var source = Observable.Return(1);

        Assert.Throws<ArgumentNullException>(() => ((IObservable<int>)null!).RetryWithBackoff(new BackoffOptions(), scheduler));
        Assert.Throws<ArgumentNullException>(() => source.RetryWithBackoff(null!, scheduler));
        Assert.Throws<ArgumentNullException>(() => source.RetryWithBackoff(new BackoffOptions(), null!));
        Assert.Throws<InvalidOptionsException>(() => source.RetryWithBackoff(new BackoffOptions { Multiplier = 0.5 }, scheduler));
    }
}
