using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Demo.Run;

namespace WebsockexAdapter.Rx.Demo.Tests.Run;

public sealed class SummaryBuilderTest
{
    private static readonly DemoSummary Clean = new()
    {
        Target = "sim",
        Elapsed = TimeSpan.FromSeconds(6),
        Faults = [new FaultRecord(1, FaultKind.Drop, "reset", TimeSpan.FromSeconds(1), 1) { RecoveredAt = TimeSpan.FromSeconds(1.2), EpochAfter = 2 }],
        Reconnects = 1,
        FinalEpoch = 2,
        FinalStatus = AdapterStatus.Live,
        Channels = [new ChannelStats("ticker.BTC-PERPETUAL.100ms", 50, 10, 2)],
        Orders =
        [
            new RestingOrder("BTC-1", 100m, 1, "ws1-1") { StateAfterDisconnect = "cancelled", CancelReason = "cancel_on_disconnect", CheckedOnEpoch = 2 },
            new RestingOrder("BTC-2", 100m, 2, "ws1-2"),
        ],
        Problems = [],
    };

    [Fact]
    public void ARunThatProvedEverything_HasNoProblems()
    {
        var summary = SummaryBuilder.Build(Clean);

        Assert.True(summary.Succeeded);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public void AFaultNotRecovered_AChannelSilentOnTheLastConnection_AndAnOrderLeftOpen_AreEachAProblem()
    {
        var summary = SummaryBuilder.Build(Clean with
        {
            Faults = [.. Clean.Faults, new FaultRecord(2, FaultKind.Stall, "silent", TimeSpan.FromSeconds(3), 2)],
            Channels = [.. Clean.Channels, new ChannelStats("book.BTC-PERPETUAL.100ms", 20, 0, 1)],
            Orders = [Clean.Orders[0] with { StateAfterDisconnect = "open", CancelReason = null }, Clean.Orders[1]],
            FinalStatus = AdapterStatus.Reconnecting,
        });

        Assert.False(summary.Succeeded);
        Assert.Equal(
            [
                "Fault 2 (Stall) was not recovered from within 15 s.",
                "book.BTC-PERPETUAL.100ms delivered nothing on the last connection (epoch 2); its last message came on epoch 1.",
                "Order BTC-1 of epoch 1 was not cancelled on disconnect (state open, reason none).",
                "The adapter ended Reconnecting, not Live.",
            ],
            summary.Problems);
    }

    [Fact]
    public void ARunStoppedByCtrlC_IsNotBlamedForWhatItDidNotWaitFor()
    {
        var summary = SummaryBuilder.Build(Clean with { StoppedByUser = true, FinalStatus = AdapterStatus.Reconnecting, Channels = [new ChannelStats("book", 1, 0, 1)] });

        Assert.True(summary.Succeeded);
    }
}
