using System.Globalization;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Methods;

/// <summary><c>public/set_heartbeat</c> and <c>public/disable_heartbeat</c>.</summary>
internal static class HeartbeatMethods
{
    public static RpcOutcome SetHeartbeat(RequestContext context)
    {
        var seconds = context.Params.OptionalDouble("interval") ?? throw ParamReader.Invalid("interval", "missing");
        var minimum = context.State.Options.MinHeartbeatInterval;
        if (double.IsNaN(seconds) || seconds < minimum.TotalSeconds || seconds > 3600)
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"must be between {minimum.TotalSeconds} and 3600 seconds");
            throw ParamReader.Invalid("interval", reason);
        }

        context.Connection.Heartbeat.Start(TimeSpan.FromSeconds(seconds));
        return RpcOutcome.OkString;
    }

    public static RpcOutcome DisableHeartbeat(RequestContext context)
    {
        context.Connection.Heartbeat.Stop();
        return RpcOutcome.OkString;
    }
}
