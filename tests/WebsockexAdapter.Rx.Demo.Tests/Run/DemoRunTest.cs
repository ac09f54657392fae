using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Demo.Run;
using WebsockexAdapter.Rx.Demo.Tests.Support;
using Xunit.Abstractions;

namespace WebsockexAdapter.Rx.Demo.Tests.Run;

public sealed class DemoRunTest(ITestOutputHelper log)
{
    [Fact]
    public async Task TheDemo_RecoversFromEveryKindOfFault_LosesNoSubscription_AndTheExchangeCancelsEachDeadConnectionsOrder()
    {
        var result = await DemoHarness.RunAsync(["--duration", "8", "--fault-every", "0.5", "--heartbeat", "0.5"]);
        log.WriteLine(result.Output + result.Error);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var summary = result.Summary;
        Assert.Equal(
            [FaultKind.Drop, FaultKind.Stall, FaultKind.Refusal, FaultKind.Close],
            summary.Faults.Select(f => f.Kind).Distinct().Order());
        Assert.All(summary.Faults, f =>
        {
            Assert.True(f.Recovered, $"fault {f.Number} ({f.Kind}) recovered");
            Assert.Equal(f.EpochBefore + 1, f.EpochAfter);
        });
        // A stalled server is silent: the heartbeat watchdog (1 s here) and the keep-alive (a ping every 0.5 s, 1.5 s for
        // its pong) both see it, and on a loaded machine whose timer fires first varies. Either is a stall detected;
        // a reset or a close would not be.
        var stallDetectedAs = summary.Faults.First(f => f.Kind == FaultKind.Stall).DetectedAs;
        Assert.True(stallDetectedAs is "HeartbeatTimeoutException" or "KeepAliveTimeoutException", $"the stall was detected as {stallDetectedAs}");
        Assert.Equal(summary.Faults.Count + 1, summary.FinalEpoch);
        Assert.Equal(summary.Faults.Count, summary.Reconnects);
        Assert.Equal(AdapterStatus.Live, summary.FinalStatus);

        Assert.Equal(4, summary.Channels.Count);
        Assert.All(summary.Channels, c => Assert.Equal(summary.FinalEpoch, c.LastEpoch));
        Assert.Empty(summary.LostChannels);

        var first = summary.Orders[0];
        Assert.Equal(1, first.Epoch);
        Assert.Equal("cancelled", first.StateAfterDisconnect);
        Assert.Equal("cancel_on_disconnect", first.CancelReason);
        var ended = summary.OrdersOnEndedConnections;
        Assert.Equal(summary.FinalEpoch - 1, ended.Count);
        Assert.All(ended, o => Assert.True(o.CancelledOnDisconnect && o.CheckedOnEpoch > o.Epoch, $"{o}"));
        Assert.Equal(summary.Orders.Count, summary.Orders.Select(o => o.ConnectionId).Distinct().Count());

        Assert.Empty(summary.Problems);
        Assert.Contains("PASS: recovered from all", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_EndsTheRunEarly_WithASummary()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));

        var result = await DemoHarness.RunAsync(["--duration", "60", "--no-faults"], stop: stop.Token);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Summary.StoppedByUser);
        Assert.True(result.Summary.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Empty(result.Summary.Faults);
        Assert.Contains("stopped by Ctrl+C", result.Output, StringComparison.Ordinal);
    }
}
