using System.Diagnostics;

namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>
/// Microseconds of <see cref="Stopwatch"/>'s clock, which on Linux is <c>CLOCK_MONOTONIC</c>: one clock for every
/// process on the machine, so a consumer process can subtract the server's stamp from its own reading.
/// </summary>
internal static class MonotonicClock
{
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    public static long Microseconds() => (long)(Stopwatch.GetTimestamp() * MicrosecondsPerTick);
}
