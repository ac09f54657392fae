using System.Globalization;
using WebsockexAdapter.Rx.Demo.Run;

namespace WebsockexAdapter.Rx.Demo.View;

/// <summary>One line per event and a rates line every few seconds: for redirected output, CI logs and tests.</summary>
internal static class PlainView
{
    private static readonly TimeSpan RatesEvery = TimeSpan.FromSeconds(5);

    public static async Task<DemoSummary> RunAsync(DemoRunner runner, TextWriter output, CancellationToken stop)
    {
        var gate = new object();
        void Write(string line)
        {
            lock (gate)
            {
                output.WriteLine(line);
            }
        }

        var settings = runner.Settings;
        Write($"WebsockexAdapter.Rx demo: {(settings.UsesSimulator ? "embedded simulator" : settings.Url!.ToString())}, "
            + $"{(settings.InjectsFaults ? $"a fault every {SummaryText.Seconds(settings.FaultInterval)}" : "no faults")}, "
            + $"{SummaryText.Seconds(settings.Duration)} (Ctrl+C stops)");
        using var events = runner.Events.Subscribe(e => Write(Line(e.At, e.Text)));
        var run = runner.RunAsync(stop);
        using (var timer = new PeriodicTimer(RatesEvery))
        {
            while (await Task.WhenAny(run, timer.WaitForNextTickAsync(CancellationToken.None).AsTask()) != run)
            {
                Write(Rates(runner.Snapshot()));
            }
        }

        var summary = await run;
        foreach (var line in SummaryText.Lines(summary))
        {
            Write(line);
        }

        return summary;
    }

    private static string Line(TimeSpan at, string text) => $"[{at.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),7} s] {text}";

    private static string Rates(DemoSnapshot snapshot)
    {
        var rates = string.Join(", ", snapshot.Channels.Select(c => $"{ChannelView.ShortName(c.Channel)} {c.PerSecond}/s"));
        var top = snapshot.Top is { } t ? $"bid {t.BestBid} / ask {t.BestAsk}" : "book waiting for a snapshot";
        return Line(snapshot.Elapsed, $"{snapshot.State.Status} epoch {snapshot.State.Epoch}, {snapshot.Reconnects} reconnects | {rates} | {top}");
    }
}
