using System.Globalization;
using System.Net;
using System.Text;
using WebsockexAdapter.Rx.Demo.Run;
using WebsockexAdapter.Rx.Demo.View;

namespace WebsockexAdapter.Rx.Demo.Report;

/// <summary>
/// Writes <c>--report FILE</c>: a .png is the timeline chart alone; an .html page holds the chart (inline, so the
/// page is one file), the faults with their recovery times, and the summary the terminal printed.
/// </summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(DemoSummary summary, string path, CancellationToken cancel = default)
    {
        var png = TimelineChart.Png(summary);
        if (FormatOf(path) == ReportFormat.Png)
        {
            await File.WriteAllBytesAsync(path, png, cancel);
            return;
        }

        await File.WriteAllTextAsync(path, Html(summary, png), Encoding.UTF8, cancel);
    }

    /// <summary>The format a report file name asks for, or null for an extension neither .html, .htm nor .png.</summary>
    public static ReportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => ReportFormat.Html,
        ".png" => ReportFormat.Png,
        _ => null,
    };

    public static string Html(DemoSummary summary, byte[] png)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>WebsockexAdapter.Rx demo report</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1150px}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}.pass{color:#1a7f37}.fail{color:#c62828}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>Demo report: {Encode(summary.Target)}</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"{(summary.Succeeded ? "pass" : "fail")}\"><strong>{Encode(SummaryText.ResultLine(summary))}</strong></p>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" width=\"{TimelineChart.Width}\" alt=\"Messages per second per channel, with the adapter's states as bands\">");
        html.AppendLine("<h2>Faults</h2><table><tr><th>#</th><th>fault</th><th>injected at</th><th>detected as</th><th>live again on epoch</th><th>recovery</th></tr>");
        foreach (var f in summary.Faults)
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr><td>{f.Number}</td><td>{Encode($"{f.Kind} ({f.Detail})")}</td><td>{Seconds(f.InjectedAt)}</td><td>{Encode(f.DetectedAs ?? "-")}</td>"
                + $"<td>{f.EpochAfter?.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td>{(f.RecoveryTime is { } t ? Seconds(t) : "not recovered")}</td></tr>");
        }

        html.AppendLine("</table><h2>Summary</h2><pre>");
        foreach (var line in SummaryText.Lines(summary))
        {
            html.AppendLine(Encode(line));
        }

        html.AppendLine("</pre></body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture);
}
