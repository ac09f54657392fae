using System.Buffers;
using System.Threading.Channels;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// One stream's NATS subscription: each message's payload, in order, in a queue of <c>capacity</c> messages. Unlike
/// NATS.Net's own subscription, a stream parked on <see cref="Messages"/> is resumed on the thread that wrote the
/// message (NATS.Net's reader) instead of through a thread-pool hand-off, so a stream whose observer is fast can take
/// its message without another thread waking (<see cref="ReaderDelivery"/> decides whether it stays there). When the
/// queue is full the newest waiting message is dropped, as NATS.Net's subscription does: the stream sees the hole.
/// </summary>
internal sealed class ChannelSubscription : NatsSubBase
{
    [ThreadStatic]
    private static bool t_writing;

    private readonly Channel<byte[]> _messages;

    public ChannelSubscription(INatsConnection connection, string subject, int capacity)
        : base(connection, connection.SubscriptionManager, subject, queueGroup: null, opts: null)
    {
        _messages = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropNewest,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
        });
    }

    /// <summary>Whether this thread is NATS's reader: a stream resumed here holds the reader until it waits again.</summary>
    public static bool OnReaderThread => t_writing || ReaderThreadConnection.OnReaderThread;

    /// <summary>The payloads, in the order NATS delivered them.</summary>
    public ChannelReader<byte[]> Messages => _messages.Reader;

    protected override ValueTask ReceiveInternalAsync(string subject, string? replyTo, ReadOnlySequence<byte>? headersBuffer, ReadOnlySequence<byte> payloadBuffer)
    {
        var payload = payloadBuffer.ToArray();
        t_writing = true;
        try
        {
            // A stream parked on the queue runs here, on this thread, until it waits again.
            _messages.Writer.TryWrite(payload);
        }
        finally
        {
            t_writing = false;
        }

        ResetSlowConsumer(_messages.Reader.Count);
        DecrementMaxMsgs();
        return ValueTask.CompletedTask;
    }

    protected override void TryComplete() => _messages.Writer.TryComplete();
}
