using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The scheduler's time, for stamping delivery-queue entries and measuring how long they waited. On a wall-clock
/// scheduler it is read at most once per tick of the system's coarse clock (a millisecond to a few) and reused within
/// it: a precise read is a system call per message, more than the rest of a hand-off, while a lag is only compared
/// with a threshold of a second or so. So a lag read here may be off by up to that tick. When the lag metric is being
/// recorded, and on any other scheduler (a virtual clock), the scheduler is read every time.
/// Each thread that reads it keeps its own (it is a mutable struct, held in a field).
/// </summary>
internal struct LagClock(IScheduler scheduler, bool coarse)
{
    private long _tick = long.MinValue;
    private DateTimeOffset _now;

    public DateTimeOffset Now()
    {
        if (!coarse || ClientMetrics.DeliveryLag.Enabled)
        {
            return scheduler.Now;
        }

        var tick = Environment.TickCount64;
        if (tick != _tick)
        {
            _tick = tick;
            _now = scheduler.Now;
        }

        return _now;
    }
}
