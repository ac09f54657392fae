using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The time a recorded connection stamps on each frame it receives. A virtual clock is read for every frame. The wall
/// clock (<see cref="DefaultScheduler"/>) is read precisely for the first frame of a burst (the receive waited for the
/// socket, or something else happened on the connection since the last read: a send, a close), and within a burst of
/// frames handed out without waiting it is read again only when the system's coarse clock ticks (a millisecond to a
/// few): a precise read costs more than the rest of recording a frame, and frames read from the socket together
/// arrived together. So a stamp inside a burst may be early by up to that tick, never earlier than the burst began,
/// and a reply is never stamped before the request it answers. Only the receive loop reads it (a mutable struct, held
/// in a field of the connection's transport).
/// </summary>
internal struct ReceiveClock(IScheduler scheduler)
{
    private readonly bool _coarse = scheduler is DefaultScheduler;
    private long _tick = long.MinValue;
    private DateTimeOffset _now;

    /// <param name="precise">The receive waited for the socket, or the connection did something else since the last frame: read the clock.</param>
    public DateTimeOffset Now(bool precise)
    {
        if (!_coarse)
        {
            return scheduler.Now;
        }

        var tick = Environment.TickCount64;
        if (precise || tick != _tick)
        {
            _tick = tick;
            _now = scheduler.Now;
        }

        return _now;
    }
}
