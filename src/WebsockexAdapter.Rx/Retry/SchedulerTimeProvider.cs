using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock and timers are an Rx <see cref="IScheduler"/>, so that Polly (which takes a
/// TimeProvider) runs on the same virtual time as the rest of a test.
/// </summary>
internal sealed class SchedulerTimeProvider(IScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now.ToUniversalTime();

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => scheduler.Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new SchedulerTimer(scheduler, callback, state, dueTime, period);

    private sealed class SchedulerTimer : ITimer
    {
        private readonly IScheduler _scheduler;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly SerialDisposable _pending = new();
        private TimeSpan _period;

        public SchedulerTimer(IScheduler scheduler, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _scheduler = scheduler;
            _callback = callback;
            _state = state;
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            Arm(dueTime);
            return true;
        }

        private void Arm(TimeSpan dueTime)
        {
            _pending.Disposable = dueTime == Timeout.InfiniteTimeSpan
                ? null
                : _scheduler.Schedule(this, dueTime, static (_, timer) =>
                {
                    timer._callback(timer._state);
                    if (timer._period != Timeout.InfiniteTimeSpan && timer._period > TimeSpan.Zero)
                    {
                        timer.Arm(timer._period);
                    }

                    return Disposable.Empty;
                });
        }

        public void Dispose() => _pending.Dispose();

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
