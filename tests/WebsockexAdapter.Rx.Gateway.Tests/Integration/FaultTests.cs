using System.Diagnostics;
using System.Reactive.Linq;
using Xunit.Abstractions;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Integration;

/// <summary>Faults under live consumers: the active gateway's process killed, the NATS server restarted.</summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private const string Instrument = "BTC-PERPETUAL";

    /// <summary>The bound: data again within 5 s of the active gateway's death.</summary>
    private static readonly TimeSpan TakeOverBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Failover_ActiveGatewayProcessKilled_StandbyTakesOver_ConsumerSeesResetAndFreshSnapshotWithinFiveSeconds()
    {
        await using var rig = await GatewayRig.StartAsync(withGateway: false);
        await using var active = await GatewayProcess.StartActiveAsync(rig.Nats.Url, rig.Simulator.Uri, rig.Prefix, GatewayRig.LeaderTtl);
        var standby = await rig.StartGatewayAsync();
        Assert.Equal(GatewayRole.Standby, standby.Role);

        var consumer = rig.Consumer();
        using var book = new Recorder<ChannelMessage<BookUpdate>>(consumer.SubscribeBook(Instrument));
        using var tickers = new Recorder<ChannelMessage<Ticker>>(consumer.SubscribeTicker(Instrument));
        await book.CountAsync(5, "book through the first gateway");
        await tickers.CountAsync(1, "ticker through the first gateway");
        Assert.True(standby.ActiveChannels.Count == 0, $"the standby serves while the process is active:\n{active.Output}");
        var before = book.Items.Count;

        var killed = Stopwatch.StartNew();
        await active.KillAsync();
        await book.UntilAsync(
            items => items.Skip(before).SkipWhile(static m => m.Data.Kind != BookUpdateKind.Snapshot).Skip(1).Any(),
            "a fresh snapshot and a change after it");
        var dataAgain = killed.Elapsed;
        output.WriteLine($"data again {dataAgain.TotalMilliseconds:F0} ms after the kill (leader TTL {GatewayRig.LeaderTtl.TotalSeconds} s)");

        Assert.Equal(GatewayRole.Active, standby.Role);
        // Changes already in flight from the killed gateway may come first; then the book ends, then starts afresh.
        var after = book.Items.Skip(before).SkipWhile(static m => m.Data.Kind == BookUpdateKind.Change).ToList();
        Assert.Equal(BookUpdateKind.Reset, after[0].Data.Kind);
        BookChecks.AssertConsistent(book.Items);
        Assert.True(after.First(static m => m.Data.Kind == BookUpdateKind.Snapshot).Epoch > book.Items[before - 1].Epoch, "the new gateway's session is a new epoch");
        Assert.True(dataAgain < TakeOverBound, $"data again after {dataAgain.TotalSeconds:F1} s (bound {TakeOverBound.TotalSeconds} s)");
        var ticks = tickers.Items.Count;
        await tickers.CountAsync(ticks + 1, "ticker through the standby");
        Assert.Contains(standby.GatewayId, consumer.CurrentState.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NatsRestart_GatewayAndConsumerRecoverByThemselves_StatesShowTheOutage_BookStaysConsistent()
    {
        await using var rig = await GatewayRig.StartAsync();
        var consumer = rig.Consumer();
        using var states = new Recorder<AdapterState>(consumer.States);
        using var book = new Recorder<ChannelMessage<BookUpdate>>(consumer.SubscribeBook(Instrument));
        await book.CountAsync(5, "book before the restart");
        await states.UntilAsync(static s => s[^1].Status == AdapterStatus.Live, "consumer live");

        await rig.Nats.KillAsync();
        await states.UntilAsync(static s => s[^1].Status == AdapterStatus.Reconnecting, "consumer reconnecting while NATS is down");
        var before = book.Items.Count;
        await rig.Nats.RestartAsync();

        await states.UntilAsync(static s => s[^1].Status == AdapterStatus.Live, "consumer live again");
        await book.UntilAsync(items => items.Skip(before).Count(static m => m.Data.Kind == BookUpdateKind.Change) >= 5, "book changes after the restart");
        BookChecks.AssertConsistent(book.Items);
        await Waits.RoleAsync(rig.Gateway, GatewayRole.Active);
    }

    [Fact]
    public async Task SlowConsumer_LosesMessagesBeyondItsPendingCapacity_ThenResetsAndResynchronises_OthersAndTheGatewayUnaffected()
    {
        await using var rig = await GatewayRig.StartAsync(notificationInterval: TimeSpan.FromMilliseconds(2));
        using var fast = new Recorder<ChannelMessage<BookUpdate>>(rig.Consumer().SubscribeBook(Instrument));
        using var released = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStream = rig.Consumer(pendingCapacity: 32).SubscribeBook(Instrument).Do(update =>
        {
            if (update.Data.Kind == BookUpdateKind.Change && !released.IsSet)
            {
                // A strategy stuck in its callback (bounded, so a broken test cannot hang).
                blocked.TrySetResult();
                released.Wait(GatewayRig.Timeout);
            }
        });
        using var slow = new Recorder<ChannelMessage<BookUpdate>>(slowStream);

        await blocked.Task.WaitAsync(GatewayRig.Timeout);
        var seen = fast.Items.Count;
        await fast.CountAsync(seen + 200, "fast consumer while the slow one is stuck");
        released.Set();

        await slow.UntilAsync(static items => items.SkipWhile(static m => m.Data.Kind != BookUpdateKind.Reset).Count(static m => m.Data.Kind == BookUpdateKind.Change) >= 3, "slow consumer resynchronised");
        var reset = slow.Items.First(static m => m.Data.Kind == BookUpdateKind.Reset);
        Assert.Contains("lost", reset.Data.ResetReason, StringComparison.Ordinal);
        BookChecks.AssertConsistent(slow.Items);
        BookChecks.AssertConsistent(fast.Items);
        Assert.DoesNotContain(fast.Items, static m => m.Data.Kind == BookUpdateKind.Reset);
        Assert.Equal(0, rig.Gateway.DroppedMessages);
    }
}
