namespace WebsockexAdapter.Rx.Simulator.Tests.Support;

/// <summary>
/// A clock that moves only when the test advances it: a credit bucket on it refills by exactly what the test says,
/// however slow the machine is. Timers still run on real time.
/// </summary>
public sealed class SteppedClock : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
}
