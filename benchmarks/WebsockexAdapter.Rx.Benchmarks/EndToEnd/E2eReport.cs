using System.Text;
using WebsockexAdapter.Rx.Benchmarks.Reporting;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>What one e2e run measured.</summary>
internal sealed record E2eReport(
    E2eSettings Settings,
    double PayloadBytesPerMessage,
    string LoadBefore,
    string LoadAfter,
    IReadOnlyList<ContenderResult> Results,
    ContenderResult BareBytes,
    ContenderResult WebsocketClient,
    IReadOnlyList<Floor> Floors)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{Settings.Messages:N0} messages per round ({PayloadBytesPerMessage:0} payload bytes each on average), {Settings.Rounds} rounds after {Settings.WarmupRounds} warm-up; load average {LoadBefore} before, {LoadAfter} after."));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["contender", "touches", "msg/s (median)", "spread", "CPU ns/msg", "alloc B/msg", "vs bare bytes", "vs Websocket.Client"],
            Results.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                r.Touches,
                Invariant($"{r.MedianMessagesPerSecond:N0}"),
                Invariant($"{r.Spread:P0}"),
                Invariant($"{r.MedianCpuNanosecondsPerMessage:0}"),
                Invariant($"{r.MedianBytesPerMessage:0}"),
                Invariant($"{r.RatioTo(BareBytes):0.00}x"),
                Invariant($"{r.RatioTo(WebsocketClient):0.00}x"),
            ])));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["floor", "measured", "required", "met"],
            Floors.Select(f => (IReadOnlyList<string>)
            [
                f.What,
                Invariant($"{f.Measured:0.00}"),
                Invariant($"{(f.AtLeast ? ">=" : "<=")} {f.Required:0.00}"),
                f.Met ? "yes" : "NO",
            ])));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
