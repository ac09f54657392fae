using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Every message the gateway publishes, in order, through one bounded queue with one drainer at a time. The adapter's
/// threads never wait for NATS: when the queue is full (NATS is down or slower than the exchange) a message is dropped
/// and counted, and the consumers see the hole in the channel's sequence numbers and resynchronise. Memory stays
/// bounded by the capacity and, while a drain batches, by <see cref="MaxBatchBytes"/> per channel.
/// </summary>
/// <remarks>
/// <para>
/// A message that finds the queue idle, and arrives at least <see cref="InlineGap"/> after the last one drained
/// inline, is published on the caller's thread (the feed's delivery thread): handing it to NATS's buffer costs
/// microseconds, and a thread hand-off would add a wake-up to every message of a quiet feed. If NATS cannot take it
/// at once, the drain carries on asynchronously and the caller returns.
/// </para>
/// <para>
/// Messages closer together than that are left to <see cref="RunAsync"/>'s loop, which takes whatever is waiting:
/// channel records (<see cref="GatewayRecords"/>) of one subject that wait together leave as one NATS message, so
/// under a burst the per-message costs of NATS, nats-server's fan-out and every consumer are paid once per batch.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim holds no OS handle: AvailableWaitHandle is never read, so there is nothing to dispose.")]
internal sealed class OutboundQueue(int capacity, TimeProvider time, string gatewayId, ILogger logger)
{
    /// <summary>The largest batch of records in one NATS message (nats-server's default max_payload is 1 MiB).</summary>
    public const int MaxBatchBytes = 64 * 1024;

    /// <summary>Messages closer together than this are batched by the loop instead of published on the caller's thread.</summary>
    public static readonly TimeSpan InlineGap = TimeSpan.FromMicroseconds(200);

    /// <summary>After this many messages taken in one go, everything batched so far leaves, so no channel waits behind a busy one.</summary>
    private const int MaxTakenBeforeFlush = 512;

    private readonly ConcurrentQueue<OutboundMessage> _queue = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly RecordBatches _batches = new(MaxBatchBytes);
    private OutboundRun? _run;
    private int _count;
    private int _draining;
    private long _lastInline;
    private long _dropped;
    private long _published;

    /// <summary>Messages dropped because the queue was full or a publish failed (for any reason, stopping included).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to NATS (each channel record counts once, batched or not).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages waiting.</summary>
    public int Pending => Volatile.Read(ref _count);

    /// <summary>A message that leaves alone, as it is (e.g. a JSON status).</summary>
    public void Enqueue(string subject, byte[] payload) => Write(new OutboundMessage(subject, payload, IsRecord: false));

    /// <summary>A channel record (<see cref="GatewayRecords.Encode{T}"/>), which may share a NATS message with others of its subject.</summary>
    public void EnqueueRecord(string subject, byte[] record) => Write(new OutboundMessage(subject, record, IsRecord: true));

    /// <summary>
    /// Publishes until cancelled; a failed publish is counted as a drop (every record in it) and the queue carries on. A
    /// failure no publish expects ends the run it happened in, never a later one (see <see cref="OutboundRun"/>).
    /// </summary>
    public async Task RunAsync(INatsConnection nats, CancellationToken cancellationToken)
    {
        var run = new OutboundRun(nats, cancellationToken);
        Volatile.Write(ref _run, run);
        try
        {
            TryDrain(inline: false);
            while (true)
            {
                // A release hands the drain to the loop: from here the loop holds it.
                await _work.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (run.TakeFailure() is { } failure)
                {
                    Volatile.Write(ref _draining, 0);
                    ExceptionDispatchInfo.Throw(failure);
                }

                await DrainAsync(run, loneFirst: false).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _run, null);
            if (run.End() is { } unseen)
            {
                GatewayLog.PublishFailedAfterItsRun(logger, gatewayId, unseen);
            }

            // A drain handed to the loop that will not run it now: let go of it, so a later run can drain again.
            while (_work.Wait(0, CancellationToken.None))
            {
                Volatile.Write(ref _draining, 0);
            }
        }
    }

    private void Write(OutboundMessage message)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue(message);
        TryDrain(inline: true);
    }

    /// <summary>Becomes the drainer if nobody is: inline on this thread when the feed is quiet, else by waking the loop.</summary>
    private void TryDrain(bool inline)
    {
        if (Volatile.Read(ref _run) is not { } run || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (inline && time.GetElapsedTime(Volatile.Read(ref _lastInline), now) >= InlineGap)
        {
            Volatile.Write(ref _lastInline, now);
            _ = DrainInlineAsync(run);
        }
        else
        {
            _work.Release();
        }
    }

    /// <summary>
    /// A drain started on the caller's thread, which nobody awaits: a failure it does not expect goes to the run it
    /// started in, whose loop ends with it where the gateway sees it; if that run has already ended, it is logged. Either
    /// way the drain is handed to the loop, so it is never held for good by an unobserved task (and nothing published again).
    /// </summary>
    private async Task DrainInlineAsync(OutboundRun run)
    {
        try
        {
            await DrainAsync(run, loneFirst: true).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Not swallowed: the run's loop rethrows it, or it is logged.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var unseen = run.Fail(error);

            // This drain still holds _draining: the loop that takes the release ends its run with the failure or, in a
            // later run, publishes whatever waits.
            _work.Release();
            if (unseen is not null)
            {
                GatewayLog.PublishFailedAfterItsRun(logger, gatewayId, unseen);
            }
        }
    }

    /// <summary>
    /// Runs only while holding <see cref="_draining"/>; lets go of it when the queue is empty. With
    /// <paramref name="loneFirst"/> (an inline drain: the queue was idle, so this is most likely the only message), the
    /// first message leaves as it is, a record being a batch of one: the batching below is for messages that waited
    /// together, and costs a quiet feed a copy and its bookkeeping on every message.
    /// </summary>
    private async Task DrainAsync(OutboundRun run, bool loneFirst)
    {
        try
        {
            if (loneFirst && _queue.TryDequeue(out var lone))
            {
                Interlocked.Decrement(ref _count);
                await PublishAsync(run, lone.Subject, lone.Payload, 1).ConfigureAwait(false);
            }

            do
            {
                await DrainOnceAsync(run).ConfigureAwait(false);
                Volatile.Write(ref _draining, 0);
            }
            // A message enqueued after the last look but before letting go found the drain busy: take it too.
            while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0);
        }
        catch (Exception error) when (error is ObjectDisposedException || (error is OperationCanceledException && run.Stopping.IsCancellationRequested))
        {
            // The gateway is stopping (its NATS connection going away); what is left waits for the next run.
            Volatile.Write(ref _draining, 0);
        }
    }

    private async Task DrainOnceAsync(OutboundRun run)
    {
        while (!_queue.IsEmpty)
        {
            var taken = 0;
            while (taken++ < MaxTakenBeforeFlush && _queue.TryDequeue(out var message))
            {
                Interlocked.Decrement(ref _count);
                if (!message.IsRecord)
                {
                    await PublishAsync(run, message.Subject, message.Payload, 1).ConfigureAwait(false);
                }
                else if (_batches.Add(message.Subject, message.Payload) is { } full)
                {
                    await PublishAsync(run, message.Subject, full.Bytes, full.Records).ConfigureAwait(false);
                    _batches.Return(full);
                }
            }

            foreach (var (subject, batch) in _batches.TakeAll())
            {
                await PublishAsync(run, subject, batch.Bytes, batch.Records).ConfigureAwait(false);
                _batches.Return(batch);
            }
        }
    }

    private async ValueTask PublishAsync(OutboundRun run, string subject, ReadOnlyMemory<byte> payload, int records)
    {
        try
        {
            await run.Nats.PublishAsync(subject, payload, cancellationToken: run.Stopping).ConfigureAwait(false);
            Interlocked.Add(ref _published, records);
        }
        catch (Exception error)
        {
            // Whatever the failure, these records are lost (consumers see the hole and resynchronise), so they count.
            // NATS's own failures (a reconnect, a timeout) are the queue's to ride out; any other ends the run.
            Interlocked.Add(ref _dropped, records);
            if (error is not (NatsException or TimeoutException))
            {
                throw;
            }
        }
    }

    private readonly record struct OutboundMessage(string Subject, byte[] Payload, bool IsRecord);
}
