namespace WebsockexAdapter.Rx.Gateway.Tests.Support;

/// <summary>A <see cref="TimeProvider"/> whose timestamp moves only when a test says so.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
