using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Tests.Retry;

public sealed class CircuitBreakerTest : ReactiveTest
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;
    private static readonly InvalidOperationException Boom = new("refused");

    private static BackoffOptions WithBreaker() => new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        Multiplier = 1,
        UseJitter = false,
        CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = 3, BreakDuration = TimeSpan.FromSeconds(60) },
    };

    [Fact]
    public void Breaker_OpensAfterThresholdFailures_AndProbesOnceTheBreakIsOver()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(1, Boom));
        var events = new List<RetryEvent>();

        scheduler.Start(() => source.RetryWithBackoff(WithBreaker(), scheduler, onRetry: events.Add), created: 0, subscribed: 0, disposed: 200 * Second);

        var starts = source.Subscriptions.Select(s => s.Subscribe - source.Subscriptions[0].Subscribe).ToList();

        // Three failures one second apart open the circuit; the fourth attempt waits out the 60 s break, then probes.
        Assert.Equal(1 * Second + 1, starts[1]);
        Assert.Equal(2 * Second + 2, starts[2]);
        Assert.True(starts[3] >= starts[2] + 60 * Second, $"probe at {starts[3]}, circuit opened at {starts[2]}");
        Assert.Contains(events, e => e.CircuitOpen);

        // The probe failed, so the circuit opened again: the next probe also waits a full break.
        Assert.True(starts[4] >= starts[3] + 60 * Second);
    }

    [Fact]
    public void Breaker_ClosesWhenTheProbeGetsThrough()
    {
        var scheduler = new TestScheduler();
        var runs = 0;
        var source = Observable.Defer(() => ++runs >= 4
            ? scheduler.CreateColdObservable(OnNext(1, runs), OnError<int>(2, Boom))
            : scheduler.CreateColdObservable(OnError<int>(1, Boom)));
        var subscribedAt = new List<long>();

        scheduler.Start(
            () => Observable.Defer(() => { subscribedAt.Add(scheduler.Clock); return source; }).RetryWithBackoff(WithBreaker(), scheduler),
            created: 0, subscribed: 0, disposed: 70 * Second);

        // After the successful probe the circuit is closed: the next attempt follows the 1 s backoff, not a break.
        var probe = subscribedAt[3];
        Assert.True(probe - subscribedAt[2] >= 60 * Second, string.Join(", ", subscribedAt));
        Assert.Equal(probe + 2 + Second, subscribedAt[4]);
    }

    [Fact]
    public void Breaker_TurnedOff_NeverStretchesTheDelays()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnError<int>(1, Boom));
        var events = new List<RetryEvent>();

        scheduler.Start(
            () => source.RetryWithBackoff(WithBreaker() with { CircuitBreaker = null }, scheduler, onRetry: events.Add),
            created: 0, subscribed: 0, disposed: 20 * Second);

        Assert.DoesNotContain(events, e => e.CircuitOpen);
        Assert.Equal(20, source.Subscriptions.Count);
    }
}
