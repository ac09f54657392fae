using System.Text;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.Reporting;

namespace WebsockexAdapter.Rx.Benchmarks.Recovery;

/// <summary>The recoveries of one channel count; <paramref name="DefaultOptions"/> when adapter and simulator kept every default.</summary>
internal sealed record RecoveryResult(int Channels, bool DefaultOptions, IReadOnlyList<TimeSpan> Recoveries, long Reconnects)
{
    public TimeSpan Median => Percentile(0.5);

    public TimeSpan P99 => Percentile(0.99);

    public TimeSpan Max => Recoveries.Max();

    /// <summary>Nearest-rank percentile.</summary>
    private TimeSpan Percentile(double p)
    {
        var sorted = Recoveries.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>What one recovery run measured.</summary>
internal sealed record RecoveryReport(RecoverySettings Settings, IReadOnlyList<RecoveryResult> Results)
{
    public IReadOnlyList<Floor> Floors =>
    [
        .. Results.Where(r => r.Channels == 100 && !r.DefaultOptions).SelectMany(r => new[]
        {
            new Floor("100 channels: median recovery, ms", r.Median.TotalMilliseconds, 50, AtLeast: false),
            new Floor("100 channels: p99 recovery, ms", r.P99.TotalMilliseconds, 200, AtLeast: false),
        }),
        .. Results.Where(r => r.DefaultOptions).Select(r =>
            new Floor(FormattableString.Invariant($"{r.Channels} channels, default options: median recovery, ms"), r.Median.TotalMilliseconds, 50, AtLeast: false)),
    ];

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{Settings.Kills} kills per row; the simulator publishes every channel every {Settings.NotificationInterval.TotalMilliseconds:0} ms; auth, cancel-on-disconnect, zero first backoff delay, rate limiting off on both sides, except in the \"default options\" row: there adapter and simulator keep every default (the adapter gets only the URL and credentials: immediate first retry, jittered backoff, keep-alive, heartbeat, rate limits on both sides), {Settings.DefaultOptionsKills} kills, each of a connection up for {RecoverySettings.DefaultOptionsUptime.TotalSeconds:0} s (longer than the backoff's reset time, so each is the drop of a healthy connection). Time from the kill to every channel delivering on the new connection:"));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["channels", "median", "p99", "max", "reconnects"],
            Results.Select(r => (IReadOnlyList<string>)
            [
                r.DefaultOptions ? Invariant($"{r.Channels}, default options") : Invariant($"{r.Channels}"),
                Invariant($"{r.Median.TotalMilliseconds:0.0} ms"),
                Invariant($"{r.P99.TotalMilliseconds:0.0} ms"),
                Invariant($"{r.Max.TotalMilliseconds:0.0} ms"),
                Invariant($"{r.Reconnects}"),
            ])));
        if (Floors.Count > 0)
        {
            text.AppendLine();
            text.Append(MarkdownTable.Render(
                ["floor", "measured", "required", "met"],
                Floors.Select(f => (IReadOnlyList<string>)[f.What, Invariant($"{f.Measured:0.0}"), Invariant($"<= {f.Required:0}"), f.Met ? "yes" : "NO"])));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
