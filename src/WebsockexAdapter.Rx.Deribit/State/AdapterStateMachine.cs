using System.Reactive.Concurrency;
using System.Reactive.Subjects;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The one place the adapter's status changes, every transition checked against the table below, so an impossible
/// sequence (Live straight to Restoring, say) is a bug that shows.
/// </summary>
internal sealed class AdapterStateMachine : IDisposable
{
    private static readonly Dictionary<AdapterStatus, AdapterStatus[]> Allowed = new()
    {
        [AdapterStatus.Stopped] = [AdapterStatus.Connecting],
        [AdapterStatus.Connecting] = [AdapterStatus.Restoring, AdapterStatus.Reconnecting, AdapterStatus.Faulted, AdapterStatus.Stopped],
        [AdapterStatus.Restoring] = [AdapterStatus.Live, AdapterStatus.Reconnecting, AdapterStatus.Faulted, AdapterStatus.Stopped],
        [AdapterStatus.Live] = [AdapterStatus.Reconnecting, AdapterStatus.Faulted, AdapterStatus.Stopped],
        [AdapterStatus.Reconnecting] = [AdapterStatus.Connecting, AdapterStatus.Reconnecting, AdapterStatus.Faulted, AdapterStatus.Stopped],
        [AdapterStatus.Faulted] = [AdapterStatus.Connecting, AdapterStatus.Stopped],
    };

    private readonly object _gate = new();
    private readonly BehaviorSubject<AdapterState> _states;
    private readonly IScheduler _scheduler;

    public AdapterStateMachine(IScheduler scheduler)
    {
        _scheduler = scheduler;
        _states = new BehaviorSubject<AdapterState>(new AdapterState(AdapterStatus.Stopped, scheduler.Now) { Reason = "not started" });
    }

    public IObservable<AdapterState> States => _states;

    public AdapterState Current => _states.Value;

    public static bool CanMove(AdapterStatus from, AdapterStatus to) => Allowed[from].Contains(to);

    /// <summary>Moves to the state <paramref name="make"/> builds; throws on a transition the table forbids.</summary>
    public void MoveTo(AdapterStatus to, Func<AdapterState, AdapterState> make)
    {
        if (!TryMoveTo(to, make))
        {
            throw new InvalidOperationException($"Invalid adapter state transition {Current.Status} -> {to}.");
        }
    }

    /// <summary>Moves only if the table allows it (teardown, where the state may already be final).</summary>
    public bool TryMoveTo(AdapterStatus to, Func<AdapterState, AdapterState> make)
    {
        // Held while observers run, as Rx subjects do, so every observer sees the transitions in one order.
        lock (_gate)
        {
            if (_states.IsDisposed || !CanMove(_states.Value.Status, to))
            {
                return false;
            }

            _states.OnNext(make(new AdapterState(to, _scheduler.Now)));
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _states.OnCompleted();
        }
    }
}
