using System.Buffers;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Publishing;

public sealed class OutboundQueueTests
{
    private const string Subject = "test.md.book.BTC-PERPETUAL.100ms";
    private const string LateFailure = "failed after its run ended";

    [Fact]
    public void FullQueue_DropsAndCountsWhatDoesNotFit_MemoryStaysAtTheCapacity()
    {
        var queue = new OutboundQueue(capacity: 4, new ManualClock(), "gw", NullLogger.Instance);

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
        var queue = new OutboundQueue(capacity: 100, new ManualClock(), "gw", NullLogger.Instance);
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
        var queue = new OutboundQueue(capacity: 100, clock, "gw", NullLogger.Instance);
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
        var queue = new OutboundQueue(capacity: 100, clock, "gw", NullLogger.Instance);
        var run = queue.RunAsync(DispatchProxy.Create<INatsConnection, BrokenNats>(), CancellationToken.None);

        clock.Advance(OutboundQueue.InlineGap);
        queue.EnqueueRecord(Subject, Record(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(BrokenNats.Message, error.Message);
        Assert.Equal((1L, 0L), (queue.Dropped, queue.Published)); // The record it held is lost, and counted as such.
    }

    [Fact]
    public async Task AnInlinePublishThatFailsDuringItsRun_EndsThatRunOnly_AndTheNextRunPublishes()
    {
        var clock = new ManualClock();
        var logger = new RecordingLogger();
        var queue = new OutboundQueue(capacity: 100, clock, "gw", logger);
        var (firstNats, _) = ScriptedNats.Create(static () => Task.FromException(new InvalidOperationException(BrokenNats.Message)));
        var firstRun = queue.RunAsync(firstNats, CancellationToken.None);
        clock.Advance(OutboundQueue.InlineGap);
        queue.EnqueueRecord(Subject, Record(1));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => firstRun.WaitAsync(GatewayRig.Timeout));
        Assert.Equal(BrokenNats.Message, error.Message);

        var (secondNats, second) = ScriptedNats.Create(static () => Task.CompletedTask);
        using var stopSecond = new CancellationTokenSource();
        var secondRun = queue.RunAsync(secondNats, stopSecond.Token);
        clock.Advance(OutboundQueue.InlineGap);
        queue.EnqueueRecord(Subject, Record(2));

        Assert.Equal([2L], await second.NextSeqsAsync());
        Assert.Equal(0, logger.Count); // The run it ended reported it; it is not reported again as a late failure.
        await stopSecond.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondRun.WaitAsync(GatewayRig.Timeout));
    }

    [Fact]
    public async Task AnInlinePublishThatFailsAfterItsRunEnded_DoesNotEndTheNextRun_AndIsLogged()
    {
        var clock = new ManualClock();
        var logger = new RecordingLogger();
        var queue = new OutboundQueue(capacity: 100, clock, "gw", logger);

        // Completed by the test without RunContinuationsAsynchronously: the drain's failure lands before SetException returns.
        var held = new TaskCompletionSource();
        var (firstNats, first) = ScriptedNats.Create(() => held.Task);
        using var stopFirst = new CancellationTokenSource();
        var firstRun = queue.RunAsync(firstNats, stopFirst.Token);
        clock.Advance(OutboundQueue.InlineGap);
        queue.EnqueueRecord(Subject, Record(1));
        Assert.Equal([1L], await first.NextSeqsAsync());

        await stopFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun.WaitAsync(GatewayRig.Timeout));
        held.SetException(new InvalidOperationException(LateFailure));

        var (secondNats, second) = ScriptedNats.Create(static () => Task.CompletedTask);
        using var stopSecond = new CancellationTokenSource();
        var secondRun = queue.RunAsync(secondNats, stopSecond.Token);
        clock.Advance(OutboundQueue.InlineGap);
        queue.EnqueueRecord(Subject, Record(2));
        var published = second.NextSeqsAsync();
        await Task.WhenAny(secondRun, published).WaitAsync(GatewayRig.Timeout);

        Assert.False(secondRun.IsCompleted, $"the second run ended: {secondRun.Exception?.InnerException?.Message}");
        Assert.Equal([2L], await published);
        var logged = await logger.NextAsync();
        Assert.Equal((LogLevel.Error, 9, LateFailure), (logged.Level, logged.EventId, logged.Error?.Message));

        await stopSecond.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondRun.WaitAsync(GatewayRig.Timeout));
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

    /// <summary>A NATS connection whose publishes the test answers: each one's records are kept for the test to read, and any other call fails.</summary>
    public class ScriptedNats : DispatchProxy
    {
        private readonly Channel<List<long>> _published = Channel.CreateUnbounded<List<long>>();
        private Func<Task> _answer = static () => Task.CompletedTask;

        public static (INatsConnection Nats, ScriptedNats Script) Create(Func<Task> answer)
        {
            var nats = DispatchProxy.Create<INatsConnection, ScriptedNats>();
            var script = (ScriptedNats)nats;
            script._answer = answer;
            return (nats, script);
        }

        /// <summary>The sequence numbers of the records in the next publish.</summary>
        public async Task<List<long>> NextSeqsAsync() => await _published.Reader.ReadAsync().AsTask().WaitAsync(GatewayRig.Timeout);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(INatsConnection.PublishAsync) || args is not [_, ReadOnlyMemory<byte> payload, ..])
            {
                throw new NotSupportedException($"{targetMethod?.Name} is not scripted");
            }

            var records = new List<GatewayEnvelope<BookUpdate>>();
            GatewayRecords.Decode(payload.Span, BookUpdateCodec.Instance, records);
            _published.Writer.TryWrite([.. records.Select(static r => r.Seq)]);
            return new ValueTask(_answer());
        }
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
