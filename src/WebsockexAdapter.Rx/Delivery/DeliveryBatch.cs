using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Holds back the start of delivery-queue drains while a receive loop hands out frames that have already arrived, and
/// starts them together: once per burst instead of once per message. A drain is work for the scheduler (a thread-pool
/// work item and a worker woken, which then spins waiting for more); a subscriber faster than the receive loop empties
/// its queue after every message, so without this each message cost a hand-off of its own.
/// </summary>
/// <remarks>
/// The loop opens the batch around each frame it hands out (<see cref="Open"/>, <see cref="Close"/>); a queue that goes from empty to
/// non-empty inside it registers with <see cref="TryHold"/> instead of scheduling its drain. The loop calls
/// <see cref="Flush"/> before it waits on the socket, and the batch flushes itself every <see cref="MaxFrames"/> frames,
/// so a drain waits for no more than that many frames' handling, and a quiet feed (one message per read) starts one
/// drain per message as before. What is held is the start of a drain only: the element is queued, and stamped with its
/// arrival time, at once; a drain that is already running sees it as before.
/// </remarks>
internal sealed class DeliveryBatch
{
    /// <summary>The most frames handed out before the held drains start.</summary>
    public const int MaxFrames = 32;

    [ThreadStatic]
    private static DeliveryBatch? t_open;

    private readonly List<IHeldDrain> _held = [];
    private int _frames;

    /// <summary>
    /// Whether drains on <paramref name="scheduler"/> may be held: the thread-pool schedulers, whose clock is the wall
    /// clock. A virtual clock can move between two frames of one burst (a replay runs ahead to the next frame's time),
    /// and a drain held across that move would start, and stamp its lag, at the later time.
    /// </summary>
    public static bool CanHold(IScheduler scheduler) =>
        scheduler is DefaultScheduler or ThreadPoolScheduler or TaskPoolScheduler;

    /// <summary>
    /// Holds <paramref name="drain"/>'s start until the batch open on this thread flushes; <see langword="false"/> when
    /// none is open (the caller starts it now).
    /// </summary>
    public static bool TryHold(IHeldDrain drain)
    {
        var open = t_open;
        if (open is null)
        {
            return false;
        }

        open._held.Add(drain);
        return true;
    }

    /// <summary>
    /// Opens this batch on the current thread, for one frame's handing out; returns the batch it replaces, which
    /// <see cref="Close"/> puts back (another connection's loop may run inline inside this one's: an in-memory transport).
    /// </summary>
    public DeliveryBatch? Open()
    {
        var outer = t_open;
        t_open = this;
        return outer;
    }

    /// <summary>Closes this batch after a frame; every <see cref="MaxFrames"/> frames the held drains start.</summary>
    public void Close(DeliveryBatch? outer)
    {
        t_open = outer;
        if (++_frames == MaxFrames)
        {
            Flush();
        }
    }

    /// <summary>Starts every held drain, in the order they were held. Called with the batch closed.</summary>
    public void Flush()
    {
        _frames = 0;
        if (_held.Count == 0)
        {
            return;
        }

        // By index: a drain started inline (an immediate scheduler) must not break the walk if it holds another.
        for (var i = 0; i < _held.Count; i++)
        {
            _held[i].StartDrain();
        }

        _held.Clear();
    }
}
