using System.Reactive.Concurrency;
using System.Reactive.Subjects;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The one place a client's status changes. Every transition is checked against the table below, so an impossible
/// sequence (Connected straight to Connecting, say) is a bug that shows, not a state that drifts.
/// </summary>
internal sealed class ConnectionStateMachine : IDisposable
{
    private static readonly Dictionary<ConnectionStatus, ConnectionStatus[]> Allowed = new()
    {
        [ConnectionStatus.Disconnected] = [ConnectionStatus.Connecting],
        [ConnectionStatus.Connecting] = [ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Faulted, ConnectionStatus.Disconnected],
        [ConnectionStatus.Connected] = [ConnectionStatus.Reconnecting, ConnectionStatus.Faulted, ConnectionStatus.Disconnected],
        [ConnectionStatus.Reconnecting] = [ConnectionStatus.Connecting, ConnectionStatus.Reconnecting, ConnectionStatus.Faulted, ConnectionStatus.Disconnected],
        [ConnectionStatus.Faulted] = [ConnectionStatus.Connecting],
    };

    private readonly object _gate = new();
    private readonly BehaviorSubject<ConnectionState> _states;
    private readonly IScheduler _scheduler;

    public ConnectionStateMachine(IScheduler scheduler)
    {
        _scheduler = scheduler;
        _states = new BehaviorSubject<ConnectionState>(new ConnectionState(ConnectionStatus.Disconnected, scheduler.Now) { Reason = "not started" });
    }

    /// <summary>The states, replaying the current one to each new subscriber.</summary>
    public IObservable<ConnectionState> States => _states;

    public ConnectionState Current => _states.Value;

    public static bool CanMove(ConnectionStatus from, ConnectionStatus to) => Allowed[from].Contains(to);

    /// <summary>Moves to a new state built by <paramref name="make"/> from the timestamp; throws on a transition the table forbids.</summary>
    public ConnectionState MoveTo(ConnectionStatus to, Func<ConnectionState, ConnectionState> make)
    {
        // Held while observers run, as Rx subjects do, so that every observer sees the transitions in one order.
        lock (_gate)
        {
            var from = _states.Value.Status;
            if (!CanMove(from, to))
            {
                throw new InvalidOperationException($"Invalid connection state transition {from} -> {to}.");
            }

            var next = make(new ConnectionState(to, _scheduler.Now));
            _states.OnNext(next);
            return next;
        }
    }

    /// <summary>Moves only if the table allows it (used on teardown, where the current state may already be final).</summary>
    public bool TryMoveTo(ConnectionStatus to, Func<ConnectionState, ConnectionState> make)
    {
        lock (_gate)
        {
            if (!CanMove(_states.Value.Status, to))
            {
                return false;
            }

            _states.OnNext(make(new ConnectionState(to, _scheduler.Now)));
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Completed, not disposed: Current stays readable after the client is gone.
            _states.OnCompleted();
        }
    }
}
