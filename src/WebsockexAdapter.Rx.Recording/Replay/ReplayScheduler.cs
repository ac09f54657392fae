using System.Reactive.Concurrency;
using System.Runtime.ExceptionServices;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The replay's virtual clock: a <see cref="HistoricalScheduler"/> with a leaner queue. A replay schedules an item for
/// every recorded frame (its arrival) and usually one more (the delivery queue's drain), so the queue's cost is paid
/// per message. Rx's own queue wraps every action in a closure that removes its item by a linear search when it runs;
/// here an item is one object in a binary heap, taken out when it is next, and a cancelled one is dropped when it
/// reaches the front. The order is Rx's: by due time, then in the order scheduled; the clock never moves back.
/// While <see cref="RunTo"/> moves the clock, a replayed connection can skip its item per frame altogether
/// (<see cref="TryRunAhead"/>).
/// </summary>
internal sealed class ReplayScheduler(DateTimeOffset start) : HistoricalScheduler(start)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Item, (long Ticks, long Order)> _queue = new();
    private long _order;
    private long _itemsScheduled;

    /// <summary>The item handed to the base class's loop last: it stays next until it ran or was cancelled, unless an earlier one came.</summary>
    private Item? _next;

    /// <summary>Where the running <see cref="RunTo"/> stops, and the thread it runs on; no run-ahead without one.</summary>
    private (DateTimeOffset Target, int Thread)? _run;

    private bool _runningAhead;

    /// <summary>An item that failed while run ahead: the loop throws it next, as if the item had thrown there.</summary>
    private ExceptionDispatchInfo? _fault;

    /// <summary>How many items were scheduled so far: what a replay costs the queue.</summary>
    public long ItemsScheduled
    {
        get
        {
            lock (_gate)
            {
                return _itemsScheduled;
            }
        }
    }

    /// <summary>Moves the clock to <paramref name="target"/> like <c>AdvanceTo</c>, letting replayed connections run ahead meanwhile.</summary>
    /// <param name="target">Where to stop.</param>
    public void RunTo(DateTimeOffset target)
    {
        var outer = _run;
        _run = (target, Environment.CurrentManagedThreadId);
        try
        {
            AdvanceTo(target);
        }
        finally
        {
            _run = outer;
        }
    }

    /// <summary>
    /// Lets a replayed connection hand its next event to the client synchronously instead of through an item of its
    /// own: called by an item (on the thread of <see cref="RunTo"/>), it runs every item that would run before one
    /// scheduled now for <paramref name="dueTime"/>, in their order, then moves the clock to <paramref name="dueTime"/>
    /// and returns <see langword="true"/>: the caller's event is due, in the place its item would have run. It
    /// returns <see langword="false"/> when that cannot be done here (another thread, beyond the run's target, run
    /// ahead already, the loop stopped, an item failed) or <paramref name="interrupted"/> says the caller has something
    /// else to deliver now; then the clock is where the last item ran, and the caller schedules its item as before.
    /// </summary>
    /// <param name="dueTime">When the caller's next event is due.</param>
    /// <param name="interrupted">Asked after each item: whether an item gave the caller something to deliver at once.</param>
    /// <param name="state">What <paramref name="interrupted"/> is asked about.</param>
    public bool TryRunAhead<TState>(DateTimeOffset dueTime, Func<TState, bool> interrupted, TState state)
    {
        if (_runningAhead || _run is not { } run || dueTime > run.Target || run.Thread != Environment.CurrentManagedThreadId || !IsEnabled)
        {
            return false;
        }

        var place = (dueTime.UtcTicks, Interlocked.Increment(ref _order));
        _runningAhead = true;
        try
        {
            while (TakeBefore(place, out var nothingElseBefore, out var scheduled) is { } item)
            {
                if (item.DueTime > Clock)
                {
                    Clock = item.DueTime;
                }

                try
                {
                    item.Invoke();
                }
#pragma warning disable CA1031 // Not swallowed: the loop rethrows it when the caller's item returns, where it would have surfaced.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    _fault = ExceptionDispatchInfo.Capture(error);
                    return false;
                }

                if (!IsEnabled || interrupted(state))
                {
                    return false;
                }

                // Nothing else was waiting before the place and the item scheduled nothing: no need to look again (a
                // look is a lock, and this is once per replayed message).
                if (nothingElseBefore && Volatile.Read(ref _itemsScheduled) == scheduled && _next is null)
                {
                    break;
                }
            }

            if (dueTime > Clock)
            {
                Clock = dueTime;
            }

            return true;
        }
        finally
        {
            _runningAhead = false;
        }
    }

    /// <inheritdoc />
    public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            Volatile.Write(ref _itemsScheduled, _itemsScheduled + 1);
            var item = new Item<TState>(this, state, action, dueTime, Interlocked.Increment(ref _order));
            _queue.Enqueue(item, item.Key);
            return item;
        }
    }

    /// <inheritdoc />
    protected override IScheduledItem<DateTimeOffset>? GetNext()
    {
        if (_fault is { } fault)
        {
            _fault = null;
            fault.Throw();
        }

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

    /// <summary>
    /// The first waiting item, if it comes before <paramref name="place"/>; <paramref name="nothingElseBefore"/> says
    /// whether it was the last such, as of <paramref name="scheduled"/> items scheduled.
    /// </summary>
    private Item? TakeBefore((long Ticks, long Order) place, out bool nothingElseBefore, out long scheduled)
    {
        lock (_gate)
        {
            scheduled = _itemsScheduled;
            if (_next is { IsDone: false } next)
            {
                _queue.Enqueue(next, next.Key);
            }

            _next = null;
            while (_queue.TryPeek(out var item, out var key) && key.CompareTo(place) < 0)
            {
                _queue.Dequeue();
                if (!item.IsDone)
                {
                    nothingElseBefore = !_queue.TryPeek(out _, out var following) || following.CompareTo(place) >= 0;
                    return item;
                }
            }

            nothingElseBefore = true;
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
