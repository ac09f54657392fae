using System.Threading.Channels;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Every message the gateway publishes, in order, through one bounded queue drained by one loop. The adapter's threads
/// never wait for NATS: when the queue is full (NATS is down or slower than the exchange) a message is dropped and
/// counted, and the consumers see the hole in the channel's sequence numbers and resynchronise. Memory stays bounded
/// by the capacity.
/// </summary>
internal sealed class OutboundQueue(int capacity)
{
    private readonly Channel<OutboundMessage> _queue = Channel.CreateBounded<OutboundMessage>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;
    private long _published;

    /// <summary>Messages dropped because the queue was full or a publish failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to NATS.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages waiting.</summary>
    public int Pending => _queue.Reader.Count;

    public void Enqueue(string subject, byte[] payload)
    {
        if (!_queue.Writer.TryWrite(new OutboundMessage(subject, payload)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Publishes until cancelled; a failed publish is counted as a drop and the loop carries on.</summary>
    public async Task RunAsync(INatsConnection nats, CancellationToken cancellationToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await nats.PublishAsync(message.Subject, message.Payload, cancellationToken: cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _published);
            }
            catch (Exception error) when (error is NatsException or TimeoutException)
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    private readonly record struct OutboundMessage(string Subject, byte[] Payload);
}
