using System.Buffers;
using System.Threading.Channels;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Every message the gateway publishes, in order, through one bounded queue drained by one loop. The adapter's threads
/// never wait for NATS: when the queue is full (NATS is down or slower than the exchange) a message is dropped and
/// counted, and the consumers see the hole in the channel's sequence numbers and resynchronise. Memory stays bounded
/// by the capacity and, while the loop batches, by <see cref="MaxBatchBytes"/> per channel.
/// </summary>
/// <remarks>
/// The loop takes whatever is waiting; channel records (<see cref="GatewayRecords"/>) of one subject that wait together
/// leave as one NATS message. When the loop keeps up, every record leaves alone and at once; when it falls behind,
/// batches grow, and the per-message costs of NATS, nats-server's fan-out and every consumer shrink with them.
/// </remarks>
internal sealed class OutboundQueue(int capacity)
{
    /// <summary>The largest batch of records in one NATS message (nats-server's default max_payload is 1 MiB).</summary>
    public const int MaxBatchBytes = 64 * 1024;

    /// <summary>After this many messages taken in one go, everything batched so far leaves, so no channel waits behind a busy one.</summary>
    private const int MaxTakenBeforeFlush = 512;

    private readonly Channel<OutboundMessage> _queue = Channel.CreateBounded<OutboundMessage>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;
    private long _published;

    /// <summary>Messages dropped because the queue was full or a publish failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to NATS (each channel record counts once, batched or not).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages waiting.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>A message that leaves alone, as it is (e.g. a JSON status).</summary>
    public void Enqueue(string subject, byte[] payload) => Write(new OutboundMessage(subject, payload, IsRecord: false));

    /// <summary>A channel record (<see cref="GatewayRecords.Encode{T}"/>), which may share a NATS message with others of its subject.</summary>
    public void EnqueueRecord(string subject, byte[] record) => Write(new OutboundMessage(subject, record, IsRecord: true));

    /// <summary>Publishes until cancelled; a failed publish is counted as a drop (every record in it) and the loop carries on.</summary>
    public async Task RunAsync(INatsConnection nats, CancellationToken cancellationToken)
    {
        var batches = new RecordBatches(MaxBatchBytes);
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var taken = 0;
            while (taken++ < MaxTakenBeforeFlush && _queue.Reader.TryRead(out var message))
            {
                if (!message.IsRecord)
                {
                    await PublishAsync(nats, message.Subject, message.Payload, 1, cancellationToken).ConfigureAwait(false);
                }
                else if (batches.Add(message.Subject, message.Payload) is { } full)
                {
                    await PublishAsync(nats, message.Subject, full.Bytes, full.Records, cancellationToken).ConfigureAwait(false);
                    batches.Return(full);
                }
            }

            foreach (var (subject, batch) in batches.TakeAll())
            {
                await PublishAsync(nats, subject, batch.Bytes, batch.Records, cancellationToken).ConfigureAwait(false);
                batches.Return(batch);
            }
        }
    }

    private void Write(OutboundMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async ValueTask PublishAsync(INatsConnection nats, string subject, ReadOnlyMemory<byte> payload, int records, CancellationToken cancellationToken)
    {
        try
        {
            await nats.PublishAsync(subject, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _published, records);
        }
        catch (Exception error) when (error is NatsException or TimeoutException)
        {
            Interlocked.Add(ref _dropped, records);
        }
    }

    private readonly record struct OutboundMessage(string Subject, byte[] Payload, bool IsRecord);
}
