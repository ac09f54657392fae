using WebsockexAdapter.Rx.Simulator.Connections;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>Everything a method handler sees: the request, the connection it came on, and the simulator's state.</summary>
internal sealed class RequestContext(RpcRequest request, SimConnection connection, SimulatorState state)
{
    public RpcRequest Request { get; } = request;

    public SimConnection Connection { get; } = connection;

    public SimulatorState State { get; } = state;

    public ParamReader Params => new(Request.Params);

    /// <summary>The account the request acts for; set by the dispatcher before a private method runs.</summary>
    public string ClientId { get; set; } = string.Empty;
}
