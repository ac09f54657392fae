using System.Diagnostics;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>
/// Times one round from the first message to the last, and counts the bytes the whole process allocated in between.
/// Allocation is read with <see cref="GC.GetTotalAllocatedBytes(bool)"/> because the messages are handled on thread
/// pool threads, not on the thread that started the round.
/// </summary>
internal sealed class RoundClock
{
    private long _startTicks;
    private long _stopTicks;
    private long _startAllocated;
    private long _stopAllocated;
    private TimeSpan _startCpu;
    private TimeSpan _stopCpu;
    private long _startWorkItems;
    private long _stopWorkItems;

    public bool Stopped => _stopTicks != 0;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTicks, _stopTicks);

    public long Allocated => _stopAllocated - _startAllocated;

    /// <summary>CPU time the whole process used in between: less sensitive than <see cref="Elapsed"/> to other load on the machine.</summary>
    public TimeSpan Cpu => _stopCpu - _startCpu;

    /// <summary>
    /// Thread-pool work items completed in between (socket completions, delivery drains, the server's sends): each is
    /// a hand-off between threads, and on a small machine the pool's workers spin for a while after each one.
    /// </summary>
    public long WorkItems => _stopWorkItems - _startWorkItems;

    /// <summary>The pool's threads when the round ended.</summary>
    public int PoolThreads { get; private set; }

    /// <summary>Called by a contender when the first message arrives.</summary>
    public void Start()
    {
        _startAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _startCpu = Environment.CpuUsage.TotalTime;
        _startWorkItems = ThreadPool.CompletedWorkItemCount;
        _startTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>Called by a contender when the last message has been handled.</summary>
    public void Stop()
    {
        _stopTicks = Stopwatch.GetTimestamp();
        _stopCpu = Environment.CpuUsage.TotalTime;
        _stopWorkItems = ThreadPool.CompletedWorkItemCount;
        PoolThreads = ThreadPool.ThreadCount;
        _stopAllocated = GC.GetTotalAllocatedBytes(precise: true);
    }
}
