namespace WebsockexAdapter.Rx.Simulator.Faults;

/// <summary>
/// The faults that are a standing setting rather than a one-off action on the current connections. Read on every
/// request, heartbeat tick or upgrade, so a change takes effect at once.
/// </summary>
internal sealed class FaultSwitches(TimeProvider clock)
{
    private long _replyDelayTicks;
    private long _refuseUntilTicks;
    private int _reorder;
    private int _heartbeatsStopped;
    private int _killAfter;
    private int _forcedRateLimit;
    private int _bookGap;

    public TimeSpan ReplyDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _replyDelayTicks));
        set => Interlocked.Exchange(ref _replyDelayTicks, Math.Max(0, value.Ticks));
    }

    public bool ReorderReplies
    {
        get => Volatile.Read(ref _reorder) == 1;
        set => Volatile.Write(ref _reorder, value ? 1 : 0);
    }

    public bool HeartbeatsStopped
    {
        get => Volatile.Read(ref _heartbeatsStopped) == 1;
        set => Volatile.Write(ref _heartbeatsStopped, value ? 1 : 0);
    }

    /// <summary>What a new connection's kill-after counter starts at; 0 is off.</summary>
    public int KillAfter
    {
        get => Volatile.Read(ref _killAfter);
        set => Volatile.Write(ref _killAfter, Math.Max(0, value));
    }

    public bool IsRefusing => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _refuseUntilTicks);

    public void RefuseFor(TimeSpan duration) =>
        Interlocked.Exchange(ref _refuseUntilTicks, duration > TimeSpan.Zero ? (clock.GetUtcNow() + duration).UtcTicks : 0);

    public void ForceRateLimit() => Volatile.Write(ref _forcedRateLimit, 1);

    /// <summary>True once, for the first request after <see cref="ForceRateLimit"/>.</summary>
    public bool TakeForcedRateLimit() => Volatile.Read(ref _forcedRateLimit) == 1 && Interlocked.Exchange(ref _forcedRateLimit, 0) == 1;

    public void InjectBookGap() => Volatile.Write(ref _bookGap, 1);

    /// <summary>True once, for the first book change after <see cref="InjectBookGap"/>.</summary>
    public bool TakeBookGap() => Volatile.Read(ref _bookGap) == 1 && Interlocked.Exchange(ref _bookGap, 0) == 1;

    public void Reset()
    {
        ReplyDelay = TimeSpan.Zero;
        ReorderReplies = false;
        HeartbeatsStopped = false;
        KillAfter = 0;
        RefuseFor(TimeSpan.Zero);
        Volatile.Write(ref _forcedRateLimit, 0);
        Volatile.Write(ref _bookGap, 0);
    }
}
