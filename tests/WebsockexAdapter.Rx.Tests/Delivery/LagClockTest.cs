using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Tests.Delivery;

/// <summary>
/// Delivery lag on a wall-clock scheduler reads the clock about once per coarse tick, never a time from before the
/// tick it is read in; on a virtual clock it reads the scheduler every time. Serial: a meter listener of another test
/// turns the lag metric on, and with it a read per call.
/// </summary>
[Collection(nameof(Serial))]
public sealed class LagClockTest
{
    [Fact]
    public void OnAWallClock_TheSchedulerIsReadAboutOncePerCoarseTick_AndTimeNeverGoesBack()
    {
        var clock = new CountingClock(DefaultScheduler.Instance);
        var lag = new LagClock(clock, coarse: true);
        var startTick = Environment.TickCount64;
        var calls = 0;
        var last = DateTimeOffset.MinValue;

        // Bounded: a few coarse ticks' worth of calls, however slow the machine.
        while (Environment.TickCount64 - startTick < 20 && calls < 50_000_000)
        {
            var now = lag.Now();
            Assert.True(now >= last);
            last = now;
            calls++;
        }

        var ticks = Environment.TickCount64 - startTick + 1;
        Assert.InRange(clock.Reads, 1, ticks + 1);
        Assert.True(calls > clock.Reads, $"{calls} calls read the clock {clock.Reads} times");
        Assert.True(DateTimeOffset.UtcNow - last < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void OnAVirtualClock_EveryCallReadsTheScheduler()
    {
        var scheduler = new TestScheduler();
        var clock = new CountingClock(scheduler);
        var lag = new LagClock(clock, coarse: false);

        for (var i = 0; i < 5; i++)
        {
            scheduler.AdvanceBy(1);
            Assert.Equal(scheduler.Now, lag.Now());
        }

        Assert.Equal(5, clock.Reads);
    }

    private sealed class CountingClock(IScheduler inner) : IScheduler
    {
        public int Reads { get; private set; }

        public DateTimeOffset Now
        {
            get
            {
                Reads++;
                return inner.Now;
            }
        }

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) => inner.Schedule(state, action);

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) => inner.Schedule(state, dueTime, action);

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) => inner.Schedule(state, dueTime, action);
    }
}
