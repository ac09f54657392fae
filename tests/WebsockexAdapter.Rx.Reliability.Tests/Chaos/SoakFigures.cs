using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>What a soak run counted, and the report it prints.</summary>
internal sealed class SoakFigures
{
    private readonly List<double> _recoveryMs = [];
    private readonly List<(double Seconds, long Bytes)> _memory = [];

    public ConcurrentDictionary<ChaosFault, int> Injected { get; } = new();

    public int UnplannedRecoveries { get; set; }

    public int LogLinesChecked { get; set; }

    public IReadOnlyList<double> RecoveryMs => _recoveryMs;

    public IReadOnlyList<(double Seconds, long Bytes)> Memory => _memory;

    public void Recovered(TimeSpan took) => _recoveryMs.Add(took.TotalMilliseconds);

    public void SampleMemory(double seconds, long bytes) => _memory.Add((seconds, bytes));

    public double Percentile(double p)
    {
        if (_recoveryMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _recoveryMs.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>The mean heap of the last third of the samples against the middle third (the first third is warm-up).</summary>
    public (long Early, long Late) MemoryTrend()
    {
        if (_memory.Count < 6)
        {
            return (0, 0);
        }

        var third = _memory.Count / 3;
        var early = (long)_memory.Skip(third).Take(third).Average(m => m.Bytes);
        var late = (long)_memory.Skip(_memory.Count - third).Average(m => m.Bytes);
        return (early, late);
    }

    public string Report(TimeSpan ran, int seed, string strategy, string extra)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"chaos soak: {ran.TotalSeconds:0} s, seed {seed}");
        text.AppendLine(inv, $"faults injected: {Injected.Values.Sum()} ({string.Join(", ", Injected.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))})");
        text.AppendLine(inv, $"recoveries: {_recoveryMs.Count} ({UnplannedRecoveries} after faults that were not meant to end the connection)");
        text.AppendLine(inv, $"recovery (fault to every channel delivering again): median {Percentile(50):0} ms, p99 {Percentile(99):0} ms, max {(_recoveryMs.Count == 0 ? double.NaN : _recoveryMs.Max()):0} ms");
        text.AppendLine(inv, $"messages delivered: {strategy}");
        var (early, late) = MemoryTrend();
        text.AppendLine(inv, $"managed heap after full GC: {_memory.Count} samples, middle third mean {early / 1024.0 / 1024:0.0} MiB, last third mean {late / 1024.0 / 1024:0.0} MiB");
        text.Append(extra);
        return text.ToString();
    }
}
