namespace WebsockexAdapter.Rx.Reliability.Tests.Retry;

/// <summary>The TimeProvider that puts Polly on the scheduler's clock: its clock and its timers follow virtual time.</summary>
public sealed class SchedulerTimeProviderTest
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();
    private readonly SchedulerTimeProvider _time;
    private readonly List<long> _fired = [];

    public SchedulerTimeProviderTest() => _time = new SchedulerTimeProvider(_scheduler);

    [Fact]
    public void TheClock_IsTheSchedulers()
    {
        _scheduler.AdvanceBy(5 * Second);

        Assert.Equal(_scheduler.Now.ToUniversalTime(), _time.GetUtcNow());
        Assert.Equal(_scheduler.Now.UtcTicks, _time.GetTimestamp());
        Assert.Equal(TimeSpan.TicksPerSecond, _time.TimestampFrequency);
    }

    [Fact]
    public void AOneShotTimer_FiresOnceAtItsDueTime()
    {
        using var timer = Timer(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        _scheduler.AdvanceBy(10 * Second);

        Assert.Equal([2 * Second], _fired);
    }

    [Fact]
    public void APeriodicTimer_FiresEveryPeriod_UntilDisposed()
    {
        var timer = Timer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        _scheduler.AdvanceBy(8 * Second);
        timer.Dispose();
        _scheduler.AdvanceBy(10 * Second);

        Assert.Equal([1 * Second, 4 * Second, 7 * Second], _fired);
    }

    [Fact]
    public void AZeroPeriod_MeansOnce()
    {
        using var timer = Timer(TimeSpan.FromSeconds(1), TimeSpan.Zero);
        _scheduler.AdvanceBy(10 * Second);

        Assert.Equal([1 * Second], _fired);
    }

    [Fact]
    public void AnInfiniteDueTime_NeverFires_AndChangeRearmsIt()
    {
        using var timer = Timer(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _scheduler.AdvanceBy(5 * Second);
        Assert.Empty(_fired);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        _scheduler.AdvanceBy(5 * Second);

        Assert.Equal([6 * Second], _fired);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheTimer()
    {
        var timer = Timer(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        await timer.DisposeAsync();
        _scheduler.AdvanceBy(5 * Second);

        Assert.Empty(_fired);
    }

    private ITimer Timer(TimeSpan due, TimeSpan period) =>
        _time.CreateTimer(_ => _fired.Add(_scheduler.Clock), null, due, period);
}
