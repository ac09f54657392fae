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
        _states = new BehaviorSubject<TState>(initial);
    }

    /// <summary>The states, replaying the current one to each new subscriber.</summary>
    public IObservable<TState> States => _states;

    /// <summary>The current state; still readable after <see cref="Dispose()"/>.</summary>
    public TState Current => _states.Value;

    /// <summary>Moves to the state <paramref name="make"/> builds from the bare new state; throws on a transition the table forbids.</summary>
    /// <param name="to">The status to move to.</param>
    /// <param name="make">Fills in the bare new state (reason, error, counters) with <c>with</c>.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="InvalidOperationException">The table does not allow the move from the current status.</exception>
    public TState MoveTo(TStatus to, Func<TState, TState> make)
    {
        // Held while observers run, as Rx subjects do, so that every observer sees the transitions in one order.
        lock (_gate)
        {
            var from = _statusOf(_states.Value);
            if (!Allows(from, to))
            {
                throw new InvalidOperationException($"Invalid {_what} state transition {from} -> {to}.");
            }

            var next = make(_create(to, _scheduler.Now));
            _states.OnNext(next);
            return next;
        }
    }

    /// <summary>Moves only if the table allows it (teardown, where the current state may already be final).</summary>
    /// <param name="to">The status to move to.</param>
    /// <param name="make">Fills in the bare new state.</param>
    /// <returns>Whether the move was made.</returns>
    public bool TryMoveTo(TStatus to, Func<TState, TState> make)
    {
        lock (_gate)
        {
            if (!Allows(_statusOf(_states.Value), to))
            {
                return false;
            }

            _states.OnNext(make(_create(to, _scheduler.Now)));
            return true;
        }
    }

    /// <summary>Completes <see cref="States"/>; later moves are no-ops and <see cref="Current"/> stays readable.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            // Completed, not disposed: Current stays readable after the owner is gone, and later moves are no-ops.
            _states.OnCompleted();
        }

        GC.SuppressFinalize(this);
    }

    private bool Allows(TStatus from, TStatus to) => _allowed[from].Contains(to);
}
