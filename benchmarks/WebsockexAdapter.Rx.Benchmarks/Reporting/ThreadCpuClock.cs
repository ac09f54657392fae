using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WebsockexAdapter.Rx.Benchmarks.Reporting;

/// <summary>
/// The CPU time of the calling thread (Linux: <c>CLOCK_THREAD_CPUTIME_ID</c>, nanoseconds), for single-thread
/// measurements on a shared machine: time the thread spent waiting for a core does not count, as it does on a
/// stopwatch. Elsewhere it is the stopwatch.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0)
        {
            return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
        }

        return Stopwatch.GetElapsedTime(0);
    }

    /// <summary>The least CPU time of the calling thread that one of <paramref name="passes"/> runs of <paramref name="pass"/> took, after two untimed runs (so the timed ones run fully optimized code).</summary>
    public static TimeSpan Best(Action pass, int passes = 5)
    {
        pass();
        pass();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < passes; i++)
        {
            var start = Now();
            pass();
            var took = Now() - start;
            best = took < best ? took : best;
        }

        return best;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
