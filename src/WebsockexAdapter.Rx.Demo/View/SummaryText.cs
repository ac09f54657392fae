using System.Globalization;
using WebsockexAdapter.Rx.Demo.Run;

namespace WebsockexAdapter.Rx.Demo.View;

/// <summary>The end-of-run summary as plain lines, shared by both views.</summary>
internal static class SummaryText
{
    public static string ResultLine(DemoSummary summary) => summary.Succeeded
        ? summary.Faults.Count > 0
            ? $"PASS: recovered from all {summary.Faults.Count} faults, no subscription lost, every order of a dead connection cancelled by the exchange."
            : "PASS: connected, every channel delivered, nothing lost."
        : $"FAIL: {string.Join(" ", summary.Problems)}";

    public static IEnumerable<string> Lines(DemoSummary summary)
    {
        var end = summary.StoppedByUser ? "stopped by Ctrl+C" : "duration over";
        yield return "";
        yield return $"Summary: {summary.Target}, {Seconds(summary.Elapsed)} ({end})";
        yield return $"  connection: {summary.FinalStatus} on epoch {summary.FinalEpoch}, {summary.Reconnects} reconnects";
        yield return $"  faults: {summary.Faults.Count} injected, {summary.Faults.Count(f => f.Recovered)} recovered from";
        foreach (var f in summary.Faults)
        {
            yield return f.Recovered
                ? $"    {f.Number}. {f.Kind} ({f.Detail}) at {Seconds(f.InjectedAt)}: detected as {f.DetectedAs ?? "-"}, live again on epoch {f.EpochAfter} after {Seconds(f.RecoveryTime!.Value)}"
                : $"    {f.Number}. {f.Kind} ({f.Detail}) at {Seconds(f.InjectedAt)}: NOT recovered";
        }

        var lost = summary.LostChannels;
        yield return lost.Count == 0
            ? $"  channels: all {summary.Channels.Count} delivered on the last connection (epoch {summary.FinalEpoch})"
            : $"  channels: {lost.Count} of {summary.Channels.Count} silent on the last connection";
        foreach (var c in summary.Channels)
        {
            yield return $"    {c.Channel,-32} {c.Messages,7} messages, last on epoch {c.LastEpoch}";
        }

        var ended = summary.OrdersOnEndedConnections;
        if (summary.Orders.Count > 0)
        {
            yield return $"  resting orders: {summary.Orders.Count} placed, {ended.Count} on connections that ended, {ended.Count(o => o.CancelledOnDisconnect)} of those cancelled on disconnect";
            foreach (var o in summary.Orders)
            {
                var fate = o.StateAfterDisconnect is null
                    ? "resting on the last connection"
                    : $"{o.StateAfterDisconnect} ({o.CancelReason ?? "no reason"}), asked on epoch {o.CheckedOnEpoch}";
                yield return $"    {o.OrderId} buy @ {o.Price.ToString("0.0#", CultureInfo.InvariantCulture)} on epoch {o.Epoch} ({o.ConnectionId}): {fate}";
            }
        }

        yield return ResultLine(summary);
    }

    public static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
}
