using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>Turns what a run saw into the claims it could not prove.</summary>
internal static class SummaryBuilder
{
    /// <summary>The same summary with its <see cref="DemoSummary.Problems"/> filled in.</summary>
    public static DemoSummary Build(DemoSummary seen)
    {
        var problems = new List<string>();
        problems.AddRange(seen.Faults.Where(f => !f.Recovered).Select(f =>
            $"Fault {f.Number} ({f.Kind}) was not recovered from within {DemoRunner.RecoveryTimeout.TotalSeconds:0} s."));

        // A run stopped by Ctrl+C may end mid-recovery; only what it saw of faults is held against it.
        if (!seen.StoppedByUser)
        {
            problems.AddRange(seen.Channels.Where(c => c.LastEpoch != seen.FinalEpoch).Select(c =>
                $"{c.Channel} delivered nothing on the last connection (epoch {seen.FinalEpoch}); its last message came on epoch {c.LastEpoch}."));
            problems.AddRange(seen.OrdersOnEndedConnections.Where(o => !o.CancelledOnDisconnect).Select(o =>
                $"Order {o.OrderId} of epoch {o.Epoch} was not cancelled on disconnect (state {o.StateAfterDisconnect ?? "unchecked"}, reason {o.CancelReason ?? "none"})."));
            if (seen.FinalStatus != AdapterStatus.Live)
            {
                problems.Add($"The adapter ended {seen.FinalStatus}, not Live.");
            }
        }

        return seen with { Problems = problems };
    }
}
