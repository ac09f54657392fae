using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Hands out the recorded connections, in order, one per connection attempt, each played back on
/// <see cref="Scheduler"/>. A client or adapter built with it runs over the recording unchanged: attempts the recording
/// saw fail fail again, reconnects happen where they happened, and requests are answered from the recording (see
/// <see cref="ReplayRequestNotRecordedException"/> for those it cannot answer). An attempt after the last recorded one
/// fails with <see cref="ReplayEndedException"/>.
/// </summary>
public sealed class ReplayTransportFactory : IWebSocketTransportFactory
{
    private readonly IReadOnlyList<RecordedEvent>[] _connections;
    private int _next;

    /// <summary>Creates the factory.</summary>
    /// <param name="recording">What to play.</param>
    /// <param name="scheduler">The virtual-time scheduler the client runs on (a <c>HistoricalScheduler</c> or the Testing kit's <c>TestScheduler</c>).</param>
    public ReplayTransportFactory(SessionRecording recording, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        var byConnection = new SortedDictionary<int, List<RecordedEvent>>();
        foreach (var recorded in recording.Events)
        {
            if (!byConnection.TryGetValue(recorded.Connection, out var events))
            {
                byConnection[recorded.Connection] = events = [];
            }

            events.Add(recorded);
        }

        _connections = [.. byConnection.Values.Where(static e => e[0].Kind == RecordedEventKind.ConnectStarted)];
    }

    /// <summary>The scheduler the recorded connections play on.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>How many connection attempts the recording holds.</summary>
    public int ConnectionCount => _connections.Length;

    /// <summary>How many of them were handed out so far.</summary>
    public int ConnectionsReplayed => Volatile.Read(ref _next);

    /// <inheritdoc />
    public IWebSocketTransport Create(ClientOptions options)
    {
        var index = Interlocked.Increment(ref _next) - 1;
        var events = index < _connections.Length ? _connections[index] : [];
        return new ReplayTransport(events, Scheduler, index, _connections.Length);
    }
}
