namespace WebsockexAdapter.Rx.Simulator.Tests.Support;

/// <summary>
/// The system clock, shifted forward on demand (both wall time and timestamps): token expiry and credit refill can
/// be tested without waiting. Timers still run on real time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() =>
        base.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks) * (TimestampFrequency / (double)TimeSpan.TicksPerSecond));
}
