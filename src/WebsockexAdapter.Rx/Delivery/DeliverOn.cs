using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx;

/// <summary>
/// One delivery queue per subscriber, drained on a scheduler (see <see cref="DeliveryExtensions.DeliverOn{T}"/>). The
/// producer's side costs a timestamp, an enqueue and an interlocked flag; the drain runs at most one at a time per
/// subscriber, and for at most a few hundred elements or a few milliseconds before it lets other work have the thread.
/// </summary>
/// <remarks>
/// On a wall-clock pool scheduler a drain that a receive loop starts waits for the end of the loop's burst (see
/// <see cref="DeliveryBatch"/>); on any other scheduler, a virtual clock above all, it starts at once, because what moves
/// that clock between two frames (a replay running ahead) must not move the drain's start with it.
/// </remarks>
internal sealed class DeliverOn<T>(IObservable<T> source, DeliveryOptions options, IScheduler scheduler, bool? holdsInBursts = null) : IObservable<T>
{
    private static int s_subscriptions;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var sink = new Sink(observer, options, scheduler, holdsInBursts ?? DeliveryBatch.CanHold(scheduler), Interlocked.Increment(ref s_subscriptions));
        sink.Run(source);
        return sink;
    }

    /// <summary>One subscriber's queue and drain; the whole per-subscription state.</summary>
    private sealed class Sink : IObserver<T>, IDisposable, IHeldDrain, IThreadPoolWorkItem
    {
        private const int Batch = 256;

        /// <summary>
        /// How long a drain keeps its thread before it queues itself again behind what waits for one. On the shared pool
        /// what waits is the receive loops and timers of every connection (and an embedded simulator's): callbacks that
        /// block, one per pool thread, would otherwise hold them all until the pool adds threads, half a second apart,
        /// while heartbeats go unanswered. A callback that blocks longer still holds its thread; this bounds the rest.
        /// </summary>
        private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(5);
        private const int NoTerminal = 0;
        private const int SourceCompleted = 1;
        private const int SourceFailed = 2;
        private const int Overflowed = 3;

        private readonly IObserver<T> _observer;
        private readonly DeliveryOptions _options;
        private readonly IScheduler _scheduler;
        private readonly bool _holdsInBursts;
        private readonly bool _onThreadPool;
        private readonly int _capacity;
        private readonly TimeSpan _warnAfter;
        private readonly TimeSpan _calmBelow;
        private readonly ConcurrentQueue<Item>? _queue;
        private readonly object _gate = new();
        private readonly SingleAssignmentDisposable _upstream = new();
        private readonly KeyValuePair<string, object?>[] _tags;
        private Item _latest;
        private bool _hasLatest;
        private int _queued;
        private int _draining;
        private int _terminal;
        private Exception? _error;
        private volatile bool _stopped;
        private int _deliveringThread;
        private LagClock _arrivalClock;
        private LagClock _deliveryClock;
        private bool _disposedWhileDelivering;
        private int _released;
        private bool _lagging;

        public Sink(IObserver<T> observer, DeliveryOptions options, IScheduler scheduler, bool holdsInBursts, int id)
        {
            _observer = observer;
            _options = options;
            _scheduler = scheduler;
            _holdsInBursts = holdsInBursts;
            var wallClock = DeliveryBatch.CanHold(scheduler);
            _arrivalClock = new LagClock(scheduler, coarse: wallClock);
            _deliveryClock = new LagClock(scheduler, coarse: wallClock);
            _onThreadPool = scheduler is DefaultScheduler;
            _capacity = options.Policy.Capacity;
            _warnAfter = options.Policy.WarnAfter;
            _calmBelow = options.Policy.WarnAfter / 2;
            _queue = options.Policy.Mode == SlowConsumerMode.Queue ? new ConcurrentQueue<Item>() : null;
            _tags = [new("stream", options.Name), new("subscription", id)];
        }

        public void Run(IObservable<T> source) => _upstream.Disposable = source.Subscribe(this);

        public void OnNext(T value)
        {
            if (_stopped || Volatile.Read(ref _terminal) != NoTerminal)
            {
                return;
            }

            var item = new Item(value, _arrivalClock.Now());
            if (_queue is null)
            {
                lock (_gate)
                {
                    _latest = item;
                    _hasLatest = true;
                }
            }
            else
            {
                if (Interlocked.Increment(ref _queued) > _capacity)
                {
                    Overflow(item.ArrivedAt);
                    return;
                }

                _queue.Enqueue(item);
            }

            ScheduleDrain();
        }

        public void OnError(Exception error) => End(SourceFailed, error);

        public void OnCompleted() => End(SourceCompleted, null);

        public void Dispose()
        {
            _stopped = true;

            // Rx disposes a chain from inside the observer call that threw, before the exception reaches the drain:
            // the drain decides, once the call has returned, whether the source is released now or after the grace.
            if (Volatile.Read(ref _deliveringThread) == Environment.CurrentManagedThreadId)
            {
                _disposedWhileDelivering = true;
                return;
            }

            Release(afterGrace: false);
        }

        private void End(int terminal, Exception? error)
        {
            lock (_gate)
            {
                if (_terminal != NoTerminal)
                {
                    return;
                }

                _error = error;
                _terminal = terminal;
            }

            ScheduleDrain();
        }

        private void Overflow(DateTimeOffset at)
        {
            var lag = _queue!.TryPeek(out var oldest) ? at - oldest.ArrivedAt : TimeSpan.Zero;
            var error = new SlowConsumerException(_options.Name, _capacity, lag);
            lock (_gate)
            {
                if (_terminal != NoTerminal)
                {
                    return;
                }

                _error = error;
                _terminal = Overflowed;
            }

            // What waits is dropped with the subscription, which ends with the error: nothing is lost silently.
            _queue.Clear();
            ClientMetrics.SlowConsumers.Add(1, _tags);
            Log.SlowConsumer(_options.Logger, ConnectionId(), _options.Name, _capacity, lag.TotalMilliseconds, _options.FailedSubscriberGrace.TotalSeconds);
            ScheduleDrain();
        }

        private void ScheduleDrain()
        {
            // On a receive loop the start waits for the end of the burst (see DeliveryBatch); the element is queued already.
            if (Interlocked.Exchange(ref _draining, 1) == 0 && !(_holdsInBursts && DeliveryBatch.TryHold(this)))
            {
                StartDrain();
            }
        }

        public void StartDrain()
        {
            if (_onThreadPool)
            {
                // What DefaultScheduler does, without its allocations: this sink is the work item.
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            _scheduler.Schedule(this, static (_, sink) =>
            {
                sink.Drain();
                return Disposable.Empty;
            });
        }

        void IThreadPoolWorkItem.Execute() => Drain();

        private void Drain()
        {
            // One clock read per element: the one after a delivery is the next element's delivery time too.
            var now = _deliveryClock.Now();
            var started = now;
            for (var delivered = 0; !_stopped; delivered++)
            {
                var terminal = Volatile.Read(ref _terminal);
                if (terminal == Overflowed)
                {
                    Finish(terminal);
                    return;
                }

                if (TryTake(out var item))
                {
                    if (!Deliver(item, now))
                    {
                        return;
                    }

                    now = _deliveryClock.Now();
                    if (delivered == Batch || now - started >= Slice)
                    {
                        // Lets other work have the thread; the flag stays set, so no second drain starts meanwhile.
                        StartDrain();
                        return;
                    }

                    continue;
                }

                if (terminal != NoTerminal)
                {
                    Finish(terminal);
                    return;
                }

                // A full fence, not a volatile write: the look at the queue below must not be read before the flag is clear.
                Interlocked.Exchange(ref _draining, 0);

                // An element that arrived after the last look, but saw the flag still set, is this drain's to deliver.
                if (!HasWork() || Interlocked.Exchange(ref _draining, 1) != 0)
                {
                    return;
                }

                now = _deliveryClock.Now();
            }
        }

        private bool TryTake(out Item item)
        {
            if (_queue is not null)
            {
                if (_queue.TryDequeue(out item))
                {
                    Interlocked.Decrement(ref _queued);
                    return true;
                }

                return false;
            }

            lock (_gate)
            {
                item = _latest;
                var had = _hasLatest;
                _hasLatest = false;
                _latest = default;
                return had;
            }
        }

        private bool HasWork()
        {
            if (Volatile.Read(ref _terminal) != NoTerminal)
            {
                return true;
            }

            if (_queue is not null)
            {
                return !_queue.IsEmpty;
            }

            lock (_gate)
            {
                return _hasLatest;
            }
        }

        private bool Deliver(in Item item, DateTimeOffset now)
        {
            // Two reads of a coarse clock (see LagClock) can come out a tick apart in either order.
            var lag = now - item.ArrivedAt;
            if (lag < TimeSpan.Zero)
            {
                lag = TimeSpan.Zero;
            }

            if (ClientMetrics.DeliveryLag.Enabled)
            {
                ClientMetrics.DeliveryLag.Record(lag.TotalMilliseconds, _tags);
            }

            WatchLag(lag);
            Volatile.Write(ref _deliveringThread, Environment.CurrentManagedThreadId);
            try
            {
                _observer.OnNext(item.Value);
            }
#pragma warning disable CA1031 // A subscriber's exception is its own: it is logged and that subscriber is cut off.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _deliveringThread, 0);
                _stopped = true;
                Log.ObserverFailed(_options.Logger, ConnectionId(), _options.Name, error);
                Release(afterGrace: true);
                return false;
            }

            Volatile.Write(ref _deliveringThread, 0);
            if (_disposedWhileDelivering)
            {
                Release(afterGrace: false);
                return false;
            }

            return true;
        }

        private void WatchLag(TimeSpan lag)
        {
            if (lag >= _warnAfter)
            {
                if (!_lagging)
                {
                    _lagging = true;
                    var waiting = _queue is null ? 0 : Volatile.Read(ref _queued);
                    Log.SlowSubscriber(_options.Logger, ConnectionId(), _options.Name, lag.TotalMilliseconds, waiting, _options.Policy.ToString());
                }
            }
            else if (lag < _calmBelow)
            {
                _lagging = false;
            }
        }

        /// <summary>Hands the end on: completion or the source's error after what waited, an overflow at once.</summary>
        private void Finish(int terminal)
        {
            _stopped = true;
            Volatile.Write(ref _deliveringThread, Environment.CurrentManagedThreadId);
            try
            {
                if (terminal == SourceCompleted)
                {
                    _observer.OnCompleted();
                }
                else
                {
                    _observer.OnError(_error!);
                }
            }
#pragma warning disable CA1031 // See Deliver.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Log.ObserverFailed(_options.Logger, ConnectionId(), _options.Name, error);
            }

            Volatile.Write(ref _deliveringThread, 0);
            Release(afterGrace: terminal == Overflowed);
        }

        /// <summary>
        /// Lets go of the source, once: at once, or after the grace when this subscriber failed, so that a subscriber
        /// who subscribes again finds the source (an exchange subscription, the connection) still in place.
        /// </summary>
        private void Release(bool afterGrace)
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            var grace = _options.FailedSubscriberGrace;
            if (afterGrace && grace > TimeSpan.Zero)
            {
                _scheduler.Schedule(_upstream, grace, static (_, upstream) =>
                {
                    upstream.Dispose();
                    return Disposable.Empty;
                });
                return;
            }

            _upstream.Dispose();
        }

        private string ConnectionId() => _options.ConnectionId?.Invoke() ?? "-";
    }

    /// <summary>An element and when it was handed to the queue, on the scheduler's clock.</summary>
    private readonly record struct Item(T Value, DateTimeOffset ArrivedAt);
}
