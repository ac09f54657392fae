using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Reliability.Tests.Retry;

/// <summary>The retry operator's edges, found by mutation testing: each test fails if one decision in it is changed.</summary>
public sealed class RetryEdgeCaseTest : ReactiveTest
{
    private static readonly InvalidOperationException Boom = new("boom");

    private static BackoffOptions Plain(int maxAttempts = BackoffOptions.Unlimited, CircuitBreakerOptions? breaker = null) => new()
    {
        InitialDelay = TimeSpan.FromTicks(100),
        MaxDelay = TimeSpan.FromTicks(10_000),
        UseJitter = false,
        MaxAttempts = maxAttempts,
        ResetAfter = TimeSpan.FromTicks(50),
        CircuitBreaker = breaker,
    };

    [Fact]
    public void Subscribe_WithANullObserver_Throws()
    {
        var retried = Observable.Never<int>().RetryWithBackoff(Plain(), new TestScheduler());

        Assert.Throws<ArgumentNullException>(() => retried.Subscribe((IObserver<int>)null!));
    }

    [Fact]
    public void GivingUp_ReportsNoFurtherRetry()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));
        var retries = new List<RetryEvent>();

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(maxAttempts: 2), scheduler, onRetry: retries.Add));

        Assert.Equal([1, 2], retries.Select(r => r.Attempt));
        Assert.Equal([OnError<int>(530, Boom)], results.Messages);
    }

    [Fact]
    public void AnErrorAfterDisposal_IsIgnored_AndReportsNoRetry()
    {
        var scheduler = new TestScheduler();
        IObserver<int>? captured = null;
        var subscriptions = 0;
        var careless = Observable.Create<int>(observer =>
        {
            // A source that keeps its observer after being disposed, as a buggy one might.
            captured = observer;
            subscriptions++;
            return Disposable.Empty;
        });
        var retries = new List<RetryEvent>();
        var errors = new List<Exception>();
        var subscription = careless.RetryWithBackoff(Plain(), scheduler, onRetry: retries.Add).Subscribe(_ => { }, errors.Add);

        subscription.Dispose();
        captured!.OnError(Boom);
        scheduler.AdvanceBy(10_000);

        Assert.Empty(retries);
        Assert.Empty(errors);
        Assert.Equal(1, subscriptions);
    }

    [Fact]
    public void AThrowingRetryPredicate_MeansDoNotRetry()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));

        var results = scheduler.Start(() => source.RetryWithBackoff(Plain(), scheduler, shouldRetry: _ => throw new InvalidCastException()));

        Assert.Equal([OnError<int>(210, Boom)], results.Messages);
        Assert.Equal([Subscribe(200, 210)], source.Subscriptions);
    }

    [Fact]
    public void HealthyForExactlyResetAfter_StartsAFreshSeriesOfDelays()
    {
        var scheduler = new TestScheduler();
        // Connected at +10, fails exactly ResetAfter (50) later.
        var source = scheduler.CreateColdObservable(OnNext(10, 1), OnError<int>(60, Boom));
        var retries = new List<RetryEvent>();

        scheduler.Start(() => source.RetryWithBackoff(Plain(), scheduler, onRetry: retries.Add), disposed: 1000);

        // Every failure starts a fresh series, and a fresh series after a healthy run begins with FirstRetryAfterDrop
        // (at once, by default).
        Assert.All(retries, r => Assert.Equal(1, r.Attempt));
        Assert.All(retries, r => Assert.Equal(TimeSpan.Zero, r.Delay));
        Assert.True(retries.Count >= 3);
    }

    [Fact]
    public void HealthyForLessThanResetAfter_KeepsGrowingTheDelays()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnNext(10, 1), OnError<int>(59, Boom));
        var retries = new List<RetryEvent>();

        scheduler.Start(() => source.RetryWithBackoff(Plain(), scheduler, onRetry: retries.Add), disposed: 1000);

        // At once after the first healthy run (the series is fresh), then the series grows: 100, 200, 400.
        Assert.Equal([1, 2, 3, 4], retries.Select(r => r.Attempt).Take(4));
        Assert.Equal([0L, 100L, 200L, 400L], retries.Select(r => r.Delay.Ticks).Take(4));
    }

    [Fact]
    public void AnOpenCircuit_ReportsTheLastRealError()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(10, Boom));
        var retries = new List<RetryEvent>();
        var breaker = new CircuitBreakerOptions { FailureThreshold = 2, BreakDuration = TimeSpan.FromSeconds(5), SamplingDuration = TimeSpan.FromSeconds(30) };

        scheduler.Start(() => source.RetryWithBackoff(Plain(breaker: breaker), scheduler, onRetry: retries.Add), disposed: TimeSpan.FromSeconds(20).Ticks);

        var open = retries.First(r => r.CircuitOpen);
        Assert.Same(Boom, open.Error);
    }
}
