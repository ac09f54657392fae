using System.Reactive.Concurrency;
using System.Reactive.Subjects;

namespace WebsockexAdapter.Rx;

/// <summary>
/// A lifecycle as one status enum with checked transitions: every move is checked against a table, so an impossible
/// sequence is a bug that shows, not a state that drifts. The states replay the current one to each new subscriber.
/// </summary>
/// <typeparam name="TStatus">The status enum.</typeparam>
/// <typeparam name="TState">The state record (a status, when it was entered, and why).</typeparam>
public abstract class CheckedStateMachine<TStatus, TState> : IDisposable
    where TStatus : struct, Enum
{
    private readonly object _gate = new();
    private readonly IReadOnlyDictionary<TStatus, TStatus[]> _allowed;
    private readonly Func<TState, TStatus> _statusOf;
    private readonly Func<TStatus, DateTimeOffset, TState> _create;
    private readonly IScheduler _scheduler;
    private readonly string _what;
    private readonly BehaviorSubject<TState> _states;
    private readonly Queue<TState> _pending = new();
    private TState _current;
    private bool _emitting;
    private bool _completing;
    private bool _completed;

    /// <summary>Starts in <paramref name="initial"/>; a derived class passes its transition table.</summary>
    /// <param name="what">What the lifecycle is of, for the message of a forbidden transition.</param>
    /// <param name="allowed">For each status, the statuses it may move to.</param>
    /// <param name="initial">The first state.</param>
    /// <param name="statusOf">Reads a state's status.</param>
    /// <param name="create">Makes a bare state from a status and its timestamp, for the move's builder to fill in.</param>
    /// <param name="scheduler">The clock of the timestamps.</param>
    protected CheckedStateMachine(
        string what,
        IReadOnlyDictionary<TStatus, TStatus[]> allowed,
        TState initial,
        Func<TState, TStatus> statusOf,
        Func<TStatus, DateTimeOffset, TState> create,
        IScheduler scheduler)
    {
        _what = what;
        _allowed = allowed;
        _statusOf = statusOf;
        _create = create;
        _scheduler = scheduler;
        _current = initial;
        _states = new BehaviorSubject<TState>(initial);
    }

    /// <summary>
    /// The states, replaying the current one to each new subscriber, in the order the moves were made. Observers run
    /// outside the machine's lock: a move made by an observer, or on another thread meanwhile, is queued and emitted
    /// after the one being emitted. An observer must not throw (the facades wrap users' observers so that they cannot).
    /// </summary>
    public IObservable<TState> States => _states;

    /// <summary>The state of the last move made (it may still be on its way to the observers); still readable after <see cref="Dispose()"/>.</summary>
    public TState Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Moves to the state <paramref name="make"/> builds from the bare new state; throws on a transition the table forbids.</summary>
    /// <param name="to">The status to move to.</param>
    /// <param name="make">Fills in the bare new state (reason, error, counters) with <c>with</c>.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="InvalidOperationException">The table does not allow the move from the current status.</exception>
    public TState MoveTo(TStatus to, Func<TState, TState> make)
    {
        TState next;
        lock (_gate)
        {
            var from = _statusOf(_current);
            if (!Allows(from, to))
            {
                throw new InvalidOperationException($"Invalid {_what} state transition {from} -> {to}.");
            }

            next = Record(make(_create(to, _scheduler.Now)));
        }

        Emit();
        return next;
    }

    /// <summary>Moves only if the table allows it (teardown, where the current state may already be final).</summary>
    /// <param name="to">The status to move to.</param>
    /// <param name="make">Fills in the bare new state.</param>
    /// <returns>Whether the move was made.</returns>
    public bool TryMoveTo(TStatus to, Func<TState, TState> make)
    {
        lock (_gate)
        {
            if (!Allows(_statusOf(_current), to))
            {
                return false;
            }

            Record(make(_create(to, _scheduler.Now)));
        }

        Emit();
        return true;
    }

    /// <summary>Completes <see cref="States"/>; later moves are no-ops and <see cref="Current"/> stays readable.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            // Completed, not disposed: Current stays readable after the owner is gone, and later moves are no-ops.
            _completing = true;
        }

        Emit();
        GC.SuppressFinalize(this);
    }

    private TState Record(TState next)
    {
        if (!_completing)
        {
            _current = next;
            _pending.Enqueue(next);
        }

        return next;
    }

    /// <summary>
    /// Emits the queued states, one thread at a time and never under the lock: whoever finds nobody emitting drains the
    /// queue, so each observer sees every state once and in the order of the moves.
    /// </summary>
    private void Emit()
    {
        lock (_gate)
        {
            if (_emitting)
            {
                return;
            }

            _emitting = true;
        }

        try
        {
            while (true)
            {
                TState state;
                bool complete;
                lock (_gate)
                {
                    if (!_pending.TryDequeue(out state!))
                    {
                        complete = _completing && !_completed;
                        _completed |= complete;
                        if (!complete)
                        {
                            _emitting = false;
                            return;
                        }
                    }
                    else
                    {
                        complete = false;
                    }
                }

                if (complete)
                {
                    _states.OnCompleted();
                }
                else
                {
                    _states.OnNext(state);
                }
            }
        }
        catch
        {
            lock (_gate)
            {
                _emitting = false;
            }

            throw;
        }
    }

    private bool Allows(TStatus from, TStatus to) => _allowed[from].Contains(to);
}
