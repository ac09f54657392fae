using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Integration;

/// <summary>
/// Which thread calls a consumer's observer: NATS's reader once the observer has shown it is fast (no hand-off, no
/// wake-up), a pool thread before that and whenever it is slow, so a blocking callback never holds the reader.
/// </summary>
public sealed class DeliveryThreadTests
{
    [Fact]
    public async Task FastObserver_AfterItsTrialDeliveries_IsCalledOnTheConsumersNatsReader_NotAPoolThread()
    {
        await using var rig = await GatewayRig.StartAsync(notificationInterval: TimeSpan.FromMilliseconds(2));
        using var calls = new Recorder<(BookUpdateKind Kind, bool OnPool, string? Thread)>(rig.Consumer().SubscribeBook("BTC-PERPETUAL")
            .Select(static m => (m.Data.Kind, System.Threading.Thread.CurrentThread.IsThreadPoolThread, System.Threading.Thread.CurrentThread.Name)));

        await calls.UntilAsync(static items => items.Any(static c => !c.OnPool), "a call on NATS's reader");

        var changes = calls.Items.Where(static c => c.Kind == BookUpdateKind.Change).ToList();
        Assert.All(changes.Take(ReaderDelivery.FastInARow - 1), static c => Assert.True(c.OnPool, "a call on the reader before the observer was trusted"));
        Assert.Equal("NATS reader", calls.Items.First(static c => !c.OnPool).Thread);
    }

    [Fact]
    public async Task BlockingObserver_NeverHoldsTheReader_TheSameConsumersOtherStreamKeepsFlowing()
    {
        await using var rig = await GatewayRig.StartAsync(notificationInterval: TimeSpan.FromMilliseconds(2));
        var consumer = rig.Consumer();
        using var released = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stuck = new Recorder<ChannelMessage<BookUpdate>>(consumer.SubscribeBook("BTC-PERPETUAL").Do(update =>
        {
            if (update.Data.Kind == BookUpdateKind.Change && !released.IsSet)
            {
                // A strategy stuck in its callback (bounded, so a broken test cannot hang).
                blocked.TrySetResult();
                released.Wait(GatewayRig.Timeout);
            }
        }));
        using var other = new Recorder<ChannelMessage<BookUpdate>>(consumer.SubscribeBook("ETH-PERPETUAL"));

        await blocked.Task.WaitAsync(GatewayRig.Timeout);
        var seen = other.Items.Count;
        await other.CountAsync(seen + 100, "the other stream while the first is stuck");
        released.Set();

        var stuckSeen = stuck.Items.Count;
        await stuck.CountAsync(stuckSeen + 3, "the stuck stream after its release");
        BookChecks.AssertConsistent(other.Items);
        BookChecks.AssertConsistent(stuck.Items);
    }
}
