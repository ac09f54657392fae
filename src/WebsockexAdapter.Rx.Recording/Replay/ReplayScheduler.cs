using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The replay's virtual clock: a <see cref="HistoricalScheduler"/> with a leaner queue. A replay schedules an item for
/// every recorded frame (its arrival) and usually one more (the delivery queue's drain), so the queue's cost is paid
/// per message. Rx's own queue wraps every action in a closure that removes its item by a linear search when it runs;
/// here an item is one object in a binary heap, taken out when it is next, and a cancelled one is dropped when it
/// reaches the front. The order is Rx's: by due time, then in the order scheduled; the clock never moves back.
/// </summary>
internal sealed class ReplayScheduler(DateTimeOffset start) : HistoricalScheduler(start)
{
    private readonly object _gate = new();
    private readonly PriorityQueue<Item, (long Ticks, long Order)> _queue = new();
    private long _order;

    /// <summary>The item handed to the base class's loop last: it stays next until it ran or was cancelled, unless an earlier one came.</summary>
    private Item? _next;

    /// <inheritdoc />
    public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            var item = new Item<TState>(this, state, action, dueTime, _order++);
            _queue.Enqueue(item, item.Key);
            return item;
        }
    }

    /// <inheritdoc />
    protected override IScheduledItem<DateTimeOffset>? GetNext()
    {
        lock (_gate)
        {
            if (_next is { IsDone: false } next)
            {
                if (!_queue.TryPeek(out _, out var first) || next.Key.CompareTo(first) < 0)
                {
                    return next;
                }

                _queue.Enqueue(next, next.Key);
            }

            _next = null;
            while (_queue.TryDequeue(out var item, out _))
            {
                if (!item.IsDone)
                {
                    _next = item;
                    return item;
                }
            }

            return null;
        }
    }

    private abstract class Item(DateTimeOffset dueTime, long order) : IScheduledItem<DateTimeOffset>, IDisposable
    {
        public DateTimeOffset DueTime { get; } = dueTime;

        public (long Ticks, long Order) Key { get; } = (dueTime.UtcTicks, order);

        /// <summary>Ran or cancelled: never to be handed out again.</summary>
        public abstract bool IsDone { get; }

        public abstract void Invoke();

        public abstract void Dispose();
    }

    private sealed class Item<TState>(IScheduler scheduler, TState state, Func<IScheduler, TState, IDisposable> action, DateTimeOffset dueTime, long order)
        : Item(dueTime, order)
    {
        private const int Waiting = 0;
        private const int Ran = 1;
        private const int Cancelled = 2;

        private IDisposable? _result;
        private int _state;

        public override bool IsDone => Volatile.Read(ref _state) != Waiting;

        public override void Invoke()
        {
            if (Interlocked.CompareExchange(ref _state, Ran, Waiting) != Waiting)
            {
                return;
            }

            Volatile.Write(ref _result, action(scheduler, state));

            // Disposed while the action ran: what it returned is disposed now.
            if (Volatile.Read(ref _state) == Cancelled)
            {
                Interlocked.Exchange(ref _result, null)?.Dispose();
            }
        }

        public override void Dispose()
        {
            if (Interlocked.Exchange(ref _state, Cancelled) == Ran)
            {
                Interlocked.Exchange(ref _result, null)?.Dispose();
            }
        }
    }
}
