using System.Buffers;
using System.Reflection;
using NATS.Client.Core;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Publishing;

public sealed class OutboundQueueTests
{
    private const string Subject = "test.md.book.BTC-PERPETUAL.100ms";

    [Fact]
    public void FullQueue_DropsAndCountsWhatDoesNotFit_MemoryStaysAtTheCapacity()
    {
        var queue = new OutboundQueue(capacity: 4, new ManualClock());

        for (var seq = 1; seq <= 10; seq++)
        {
            queue.EnqueueRecord(Subject, Record(seq));
        }

        Assert.Equal((4, 6L, 0L), (queue.Pending, queue.Dropped, queue.Published));
    }

    [Fact]
    public async Task RecordsWaitingTogether_LeaveAsOneNatsMessage_InOrder()
    {
        await using var rig = await NatsRig.StartAsync();
        var queue = new OutboundQueue(capacity: 100, new ManualClock());
        for (var seq = 1; seq <= 5; seq++)
        {
            queue.EnqueueRecord(Subject, Record(seq));
        }

        var run = queue.RunAsync(rig.Nats, rig.Stop.Token);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], await rig.NextSeqsAsync());
        await rig.Stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // Counted once the publish has returned, on the drain's thread, which may not have got there when the message
        // comes back from the server: read once the run, which awaited that drain, has ended.
        Assert.Equal(5, queue.Published);
    }

    [Fact]
    public async Task QuietRecords_FurtherApartThanTheInlineGap_EachLeaveAlone()
    {
        await using var rig = await NatsRig.StartAsync();
        var clock = new ManualClock();
        var queue = new OutboundQueue(capacity: 100, clock);
        var run = queue.RunAsync(rig.Nats, rig.Stop.Token);

        for (var seq = 1; seq <= 3; seq++)
        {
            clock.Advance(OutboundQueue.InlineGap);
            queue.EnqueueRecord(Subject, Record(seq));
            Assert.Equal([(long)seq], await rig.NextSeqsAsync());
        }

        await rig.Stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task AnInlinePublishThatFailsUnexpectedly_EndsTheRun_InsteadOfStoppingThePublishingUnseen()
    {
        var clock = new ManualClock();
        var queue = new OutboundQueue(capacity: 100, clock);
        var run = queue.RunAsync(DispatchProxy.Create<INatsConnection, BrokenNats>(), CancellationToken.None);

        clock.Advance(OutboundQueue.InlineGap);
        queue.EnqueueRecord(Subject, Record(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(BrokenNats.Message, error.Message);
    }

    private static byte[] Record(long seq) => GatewayRecords.Encode(
        new GatewayEnvelope<BookUpdate>
        {
            GatewayId = "gw",
            Source = "gw/1",
            Seq = seq,
            Data = new BookUpdate { Kind = BookUpdateKind.Change, InstrumentName = "BTC-PERPETUAL", ChangeId = seq, PrevChangeId = seq - 1 },
        },
        BookUpdateCodec.Instance,
        new ArrayBufferWriter<byte>());

    /// <summary>A nats-server, a connection, and a subscription to the subject that has reached the server.</summary>
    private sealed class NatsRig(LocalNatsServer server, NatsConnection nats, INatsSub<byte[]> subscription) : IAsyncDisposable
    {
        public NatsConnection Nats => nats;

        public CancellationTokenSource Stop { get; } = new();

        public static async Task<NatsRig> StartAsync()
        {
            var server = await LocalNatsServer.StartAsync();
            var nats = new NatsConnection(new NatsOpts { Url = server.Url });
            var subscription = await nats.SubscribeCoreAsync<byte[]>(Subject);
            await nats.PingAsync();
            return new NatsRig(server, nats, subscription);
        }

        /// <summary>The sequence numbers of the records in the next NATS message.</summary>
        public async Task<List<long>> NextSeqsAsync()
        {
            var message = await subscription.Msgs.ReadAsync().AsTask().WaitAsync(GatewayRig.Timeout);
            var records = new List<GatewayEnvelope<BookUpdate>>();
            GatewayRecords.Decode(message.Data, BookUpdateCodec.Instance, records);
            return [.. records.Select(static r => r.Seq)];
        }

        public async ValueTask DisposeAsync()
        {
            Stop.Dispose();
            await subscription.DisposeAsync();
            await nats.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    /// <summary>A NATS connection whose every call fails with what no publish expects.</summary>
    public class BrokenNats : DispatchProxy
    {
        public const string Message = "broken on purpose";

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new InvalidOperationException(Message);
    }

    /// <summary>A clock that moves only when told, so "further apart than the gap" does not depend on the machine's speed.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);
    }
}
