using ScottPlot;
using WebsockexAdapter.Rx.Demo.Run;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Report;

/// <summary>
/// The recovery timeline, as notebook 02 draws it: each channel's messages per second as a step line, the adapter's
/// states other than Live as bands, and each fault as a dashed line, with its name, where it was injected.
/// </summary>
internal static class TimelineChart
{
    public const int Width = 1100;
    public const int Height = 460;

    private static readonly Dictionary<AdapterStatus, Color> Bands = new()
    {
        [AdapterStatus.Reconnecting] = Colors.Red.WithAlpha(0.25),
        [AdapterStatus.Connecting] = Colors.Orange.WithAlpha(0.35),
        [AdapterStatus.Restoring] = Colors.Gold.WithAlpha(0.45),
    };

    // Channels often run at the same rate: drawn wide to narrow, each stays visible under the next.
    private static readonly (Color Color, float Width)[] Lines =
        [(Colors.LightSkyBlue, 9), (Colors.SeaGreen, 5), (Colors.DarkViolet, 2), (Colors.DarkOrange, 1.5f)];

    public static byte[] Png(DemoSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var timeline = summary.Timeline ?? new TimelineData(Timeline.Bucket, new Dictionary<string, IReadOnlyList<int>>(), []);
        var bucket = timeline.Bucket.TotalSeconds;
        var end = Math.Max(summary.Elapsed.TotalSeconds, bucket);
        using var plot = new Plot();

        var states = timeline.States;
        var inLegend = new HashSet<AdapterStatus>();
        for (var i = 0; i < states.Count; i++)
        {
            if (!Bands.TryGetValue(states[i].Status, out var color))
            {
                continue;
            }

            var to = i + 1 < states.Count ? states[i + 1].At.TotalSeconds : end;
            var band = plot.Add.HorizontalSpan(states[i].At.TotalSeconds, to);
            band.FillStyle.Color = color;
            band.LineStyle.Width = 0;
            if (inLegend.Add(states[i].Status))
            {
                band.LegendText = states[i].Status.ToString();
            }
        }

        var top = 1.0;
        var line = 0;
        foreach (var (channel, counts) in timeline.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var xs = Enumerable.Range(0, counts.Count).Select(i => (i + 0.5) * bucket).ToArray();
            var perSecond = counts.Select(c => c / bucket).ToArray();
            if (xs.Length == 0)
            {
                continue;
            }

            var (color, width) = Lines[line++ % Lines.Length];
            var scatter = plot.Add.Scatter(xs, perSecond);
            scatter.Color = color;
            scatter.LineWidth = width;
            scatter.MarkerSize = 0;
            scatter.ConnectStyle = ConnectStyle.StepHorizontal;
            scatter.LegendText = channel;
            top = Math.Max(top, perSecond.Max());
        }

        // A line where each fault was injected: the gap from it to the band shows how long detection took.
        for (var i = 0; i < summary.Faults.Count; i++)
        {
            var fault = summary.Faults[i];
            var marker = plot.Add.VerticalLine(fault.InjectedAt.TotalSeconds);
            marker.Color = Colors.DimGray;
            marker.LineWidth = 1.5f;
            marker.LinePattern = LinePattern.Dashed;
            if (i == 0)
            {
                marker.LegendText = "fault injected";
            }

            plot.Add.Text(fault.Kind.ToString().ToLowerInvariant(), fault.InjectedAt.TotalSeconds, top * 1.25).LabelFontSize = 13;
        }

        plot.Title("Messages per second per channel; bands: the adapter was not Live");
        plot.XLabel("seconds since start");
        plot.YLabel("messages per second");
        plot.Axes.SetLimits(0, end, 0, top * 1.45);
        // Beside the plot, not over it, where it hid the first seconds' bands.
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
