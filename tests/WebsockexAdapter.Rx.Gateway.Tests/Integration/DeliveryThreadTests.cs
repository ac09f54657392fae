using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Integration;

/// <summary>
/// Which thread calls a consumer's observer: the thread that read the message from NATS, once it has handed the socket
/// to the other reader (no thread hand-off for a quiet message), so a blocking callback never holds the reading.
/// </summary>
public sealed class DeliveryThreadTests
{
    [Fact]
    public async Task QuietFeed_ChangesAreDeliveredOnTheThreadThatReadThem_NotAPoolThread()
    {
        await using var rig = await GatewayRig.StartAsync(notificationInterval: TimeSpan.FromMilliseconds(2));
        using var calls = new Recorder<(BookUpdateKind Kind, bool OnPool, string? Thread)>(rig.Consumer().SubscribeBook("BTC-PERPETUAL")
            .Select(static m => (m.Data.Kind, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name)));

        await calls.UntilAsync(
            static items => items.Any(static c => c.Kind == BookUpdateKind.Change && !c.OnPool && c.Thread == ReaderThreadConnection.ThreadName),
            "a change delivered on a NATS reader thread");
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
