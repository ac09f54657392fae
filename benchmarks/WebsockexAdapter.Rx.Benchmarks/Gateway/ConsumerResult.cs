namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>
/// What one consumer process measured, printed as one JSON line: book changes received, resets, the time from the
/// first change to the last, and the latency from the server's stamp to the consumer's <c>OnNext</c> (µs; zero in a
/// blast, whose changes are not stamped), and the process's CPU time from the first change to the end over the changes.
/// </summary>
internal sealed record ConsumerResult(string Source, long Changes, long Resets, double Seconds, double P50, double P90, double P99, double Max, double CpuMicrosecondsPerChange)
{
    public double MessagesPerSecond => Seconds > 0 ? Changes / Seconds : 0;
}
