using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.Simulator.Auth;
using WebsockexAdapter.Rx.Simulator.Connections;
using WebsockexAdapter.Rx.Simulator.Faults;
using WebsockexAdapter.Rx.Simulator.Observability;
using WebsockexAdapter.Rx.Simulator.Orders;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>The exchange's shared state: one per simulator, seen by every connection.</summary>
internal sealed class SimulatorState
{
    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        Clock = options.TimeProvider;
        Logger = options.LoggerFactory.CreateLogger("WebsockexAdapter.Rx.Simulator");
        Tokens = new TokenStore(options);
        Orders = new OrderStore(this);
        Faults = new FaultSwitches(options.TimeProvider);
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Clock { get; }

    public ILogger Logger { get; }

    public TokenStore Tokens { get; }

    public OrderStore Orders { get; }

    public CancelOnDisconnectSettings CancelOnDisconnect { get; } = new();

    public ConnectionRegistry Registry { get; } = new();

    public FaultSwitches Faults { get; }

    public ChangeSignal Changes { get; } = new();

    /// <summary>True once disposal has begun: new upgrades are refused.</summary>
    public bool IsStopping { get; set; }

    /// <summary>Set by the simulator to raise its public event.</summary>
    public Action<SimConnection, string>? MethodCalled { get; set; }

    public void OnMethodCalled(SimConnection connection, string method)
    {
        Changes.Notify();
        MethodCalled?.Invoke(connection, method);
    }
}
