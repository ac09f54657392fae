using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>
/// Injects the next fault of the rotation into the simulator, and ends the faults that do not end by themselves:
/// a stall holds the server's side of the socket until it is lifted, so it is lifted as soon as the adapter has given
/// up on that connection (the server then sees the socket is gone and fires cancel-on-disconnect).
/// </summary>
internal sealed class FaultInjector(DeribitSimulator simulator)
{
    /// <summary>How long handshakes are refused after a <see cref="FaultKind.Refusal"/>.</summary>
    public static readonly TimeSpan RefusalWindow = TimeSpan.FromSeconds(1);

    private static readonly FaultKind[] Rotation = [FaultKind.Drop, FaultKind.Stall, FaultKind.Refusal, FaultKind.Close];
    private static readonly int[] CloseCodes = [1011, 4000, 1001];

    private int _injected;
    private int _closes;
    private int _stalled;

    /// <summary>The next fault of the rotation: what it is, and the action that injects it.</summary>
    public (FaultKind Kind, string Detail, Action Inject) Next()
    {
        var kind = Rotation[_injected++ % Rotation.Length];
        switch (kind)
        {
            case FaultKind.Drop:
                return (kind, "TCP reset, no close frame", simulator.DropAllConnections);
            case FaultKind.Stall:
                return (kind, "server silent, socket open", () =>
                {
                    Volatile.Write(ref _stalled, 1);
                    simulator.Stall(true);
                });
            case FaultKind.Refusal:
                return (kind, $"drop, then HTTP 503 for {RefusalWindow.TotalSeconds:0.#} s", () =>
                {
                    simulator.RefuseConnections(RefusalWindow);
                    simulator.DropAllConnections();
                });
            default:
                var code = CloseCodes[_closes++ % CloseCodes.Length];
                return (kind, $"close frame {code}", () => simulator.CloseAllConnections(code, "demo: maintenance"));
        }
    }

    /// <summary>The adapter has left the connection (it is reconnecting): a stall has done its work.</summary>
    public void OnConnectionLeft()
    {
        if (Interlocked.Exchange(ref _stalled, 0) == 1)
        {
            simulator.Stall(false);
        }
    }

    /// <summary>Every fault off, stalled connections resumed.</summary>
    public void Reset()
    {
        Volatile.Write(ref _stalled, 0);
        simulator.ResetFaults();
    }
}
