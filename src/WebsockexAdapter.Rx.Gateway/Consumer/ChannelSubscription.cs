using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// One stream's NATS subscription: each message's payload, in order, in a queue of at most <c>capacity</c> messages
/// (beyond it the newest is dropped, as NATS.Net's own subscription does: the stream sees the hole). A stream that
/// waits in <see cref="NextAsync"/> is resumed by the thread that read its message, once that thread has handed the
/// socket on (<see cref="ReaderThreadConnection.TryDeliverAfterRead"/>), or else by a pool thread; never inside
/// NATS.Net's read loop, so its observer never holds the connection.
/// </summary>
internal sealed class ChannelSubscription : NatsSubBase, IValueTaskSource<byte[]>, IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<byte[]> _queue = new();
    private readonly int _capacity;
    private ManualResetValueTaskSourceCore<byte[]> _next;
    private Exception? _ended;
    private int _count;
    private int _waiting;

    public ChannelSubscription(INatsConnection connection, string subject, int capacity)
        : base(connection, connection.SubscriptionManager, subject, queueGroup: null, opts: null)
    {
        _capacity = capacity;
    }

    /// <summary>The next payload, or the error that ended the subscription (<see cref="End"/>) once none is left.</summary>
    public ValueTask<byte[]> NextAsync()
    {
        if (TryTake(out var data))
        {
            return new ValueTask<byte[]>(data);
        }

        if (Volatile.Read(ref _ended) is { } ended)
        {
            return ValueTask.FromException<byte[]>(ended);
        }

        _next.Reset();
        Volatile.Write(ref _waiting, 1);

        // A payload (or the end) that came after the look above, whose writer may not have seen the flag yet.
        if ((!_queue.IsEmpty || Volatile.Read(ref _ended) is not null) && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            return TryTake(out data) ? new ValueTask<byte[]>(data) : ValueTask.FromException<byte[]>(_ended!);
        }

        return new ValueTask<byte[]>(this, _next.Version);
    }

    /// <summary>Ends the subscription's stream with <paramref name="error"/> (e.g. cancellation); a waiting stream is resumed on the pool.</summary>
    public void End(Exception error)
    {
        Interlocked.CompareExchange(ref _ended, error, null);
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Resumes the waiting stream with the next payload (or the end).</summary>
    void IThreadPoolWorkItem.Execute()
    {
        if (TryTake(out var data))
        {
            _next.SetResult(data);
        }
        else
        {
            _next.SetException(Volatile.Read(ref _ended) ?? new InvalidOperationException("Resumed with nothing to deliver."));
        }
    }

    byte[] IValueTaskSource<byte[]>.GetResult(short token) => _next.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<byte[]>.GetStatus(short token) => _next.GetStatus(token);

    void IValueTaskSource<byte[]>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _next.OnCompleted(continuation, state, token, flags);

    protected override ValueTask ReceiveInternalAsync(string subject, string? replyTo, ReadOnlySequence<byte>? headersBuffer, ReadOnlySequence<byte> payloadBuffer)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
        }
        else
        {
            _queue.Enqueue(payloadBuffer.ToArray());
        }

        if (Interlocked.Exchange(ref _waiting, 0) == 1 && !ReaderThreadConnection.TryDeliverAfterRead(this))
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        ResetSlowConsumer(Volatile.Read(ref _count));
        DecrementMaxMsgs();
        return ValueTask.CompletedTask;
    }

    protected override void TryComplete() => End(new System.Threading.Channels.ChannelClosedException());

    private bool TryTake(out byte[] data)
    {
        if (_queue.TryDequeue(out data!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }
}
