using WebsockexAdapter.Rx.Simulator.Connections;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Heartbeat;

/// <summary>
/// A connection's heartbeat after <c>public/set_heartbeat</c>: every interval it checks that the last
/// <c>test_request</c> was answered by a <c>public/test</c> (else the connection fails), then sends a
/// <c>heartbeat</c> and a new <c>test_request</c>. Runs on the injected clock.
/// </summary>
internal sealed class HeartbeatMonitor(SimConnection connection, SimulatorState state)
{
    private readonly object _gate = new();
    private CancellationTokenSource? _loop;
    private volatile bool _awaitingTest;

    public TimeSpan? Interval { get; private set; }

    public void Start(TimeSpan interval)
    {
        CancellationToken token;
        lock (_gate)
        {
            StopLocked();
            Interval = interval;
            _loop = CancellationTokenSource.CreateLinkedTokenSource(connection.Lifetime);
            token = _loop.Token;
        }

        BackgroundWork.Observe(RunAsync(interval, token), state.Logger, connection.Id, "heartbeat");
    }

    public void Stop()
    {
        lock (_gate)
        {
            StopLocked();
        }
    }

    /// <summary>Any <c>public/test</c> answers the outstanding <c>test_request</c>.</summary>
    public void TestReceived() => _awaitingTest = false;

    private void StopLocked()
    {
        _loop?.Cancel();
        _loop?.Dispose();
        _loop = null;
        Interval = null;
        _awaitingTest = false;
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken token)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, state.Clock, token).ConfigureAwait(false);
                if (connection.Stall.IsStalled || state.Faults.HeartbeatsStopped)
                {
                    // A stalled or silenced server neither sends nor judges; the answer may sit unread meanwhile.
                    await connection.Stall.WaitAsync(token).ConfigureAwait(false);
                    _awaitingTest = false;
                    continue;
                }

                if (_awaitingTest)
                {
                    connection.FailHeartbeat();
                    return;
                }

                _awaitingTest = true;
                connection.Outbox.Enqueue(Notifications.Heartbeat);
                connection.Outbox.Enqueue(Notifications.TestRequest);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped, replaced, or the connection ended.
        }
    }
}
