using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The one place the adapter's status changes, every transition checked against the table below.</summary>
internal sealed class AdapterStateMachine(IScheduler scheduler) : CheckedStateMachine<AdapterStatus, AdapterState>(
    "adapter",
    Allowed,
    new AdapterState(AdapterStatus.Stopped, scheduler.Now) { Reason = "not started" },
    static state => state.Status,
    static (status, at) => new AdapterState(status, at),
    scheduler)
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

    public static bool CanMove(AdapterStatus from, AdapterStatus to) => Allowed[from].Contains(to);
}
