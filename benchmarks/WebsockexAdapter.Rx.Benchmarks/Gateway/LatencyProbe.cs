using System.Diagnostics;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>Times each book change at <c>OnNext</c> against the stamp the loopback server wrote into it.</summary>
internal sealed class LatencyProbe(int expected)
{
    private readonly long[] _latencies = new long[Math.Max(expected, 1)];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changes;
    private long _resets;
    private long _first;
    private TimeSpan _cpuAtFirst;
    private long _last;

    public Task Ready => _ready.Task;

    public Task Done => _done.Task;

    public void OnNext(ChannelMessage<BookUpdate> message)
    {
        var now = MonotonicClock.Microseconds();
        switch (message.Data.Kind)
        {
            case BookUpdateKind.Snapshot:
                _ready.TrySetResult();
                return;
            case BookUpdateKind.Reset:
                Interlocked.Increment(ref _resets);
                return;
        }

        var count = _changes;
        if (count == 0)
        {
            _cpuAtFirst = Environment.CpuUsage.TotalTime;
            Volatile.Write(ref _first, Stopwatch.GetTimestamp());
        }

        if (count < _latencies.Length)
        {
            _latencies[count] = now - message.Data.Timestamp;
        }

        Volatile.Write(ref _last, Stopwatch.GetTimestamp());
        Volatile.Write(ref _changes, count + 1);
        if (count + 1 >= expected)
        {
            _done.TrySetResult();
        }
    }

    public void OnError(Exception error)
    {
        _ready.TrySetException(error);
        _done.TrySetException(error);
    }

    public bool IdleFor(TimeSpan idle) =>
        Volatile.Read(ref _changes) > 0 && Stopwatch.GetElapsedTime(Volatile.Read(ref _last)) > idle;

    public ConsumerResult Result(string source)
    {
        var changes = Volatile.Read(ref _changes);
        var sorted = _latencies.AsSpan(0, (int)Math.Min(changes, _latencies.Length)).ToArray();
        Array.Sort(sorted);
        var seconds = changes > 1 ? Stopwatch.GetElapsedTime(Volatile.Read(ref _first), Volatile.Read(ref _last)).TotalSeconds : 0;
        var cpu = changes > 0 ? (Environment.CpuUsage.TotalTime - _cpuAtFirst).TotalMicroseconds / changes : 0;
        return new ConsumerResult(source, changes, Volatile.Read(ref _resets), seconds, Percentile(sorted, 0.5), Percentile(sorted, 0.9), Percentile(sorted, 0.99), sorted.Length > 0 ? sorted[^1] : 0, cpu);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
