using Microsoft.AspNetCore.Http;
using WebsockexAdapter.Rx.Simulator.Connections;

namespace WebsockexAdapter.Rx.Simulator.Hosting;

/// <summary>Accepts a WebSocket upgrade (or refuses it with 503 while refusing) and runs the connection.</summary>
internal static class WebSocketEndpoint
{
    public static async Task HandleAsync(HttpContext context, SimulatorState state)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("WebSocket upgrade expected", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (state.Faults.IsRefusing || state.IsStopping)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = false }).ConfigureAwait(false);
        var stall = context.Features.Get<StallGate>() ?? new StallGate();
        var connection = state.Registry.Open(id => new SimConnection(id, context, socket, state, stall));
        Log.ConnectionOpened(state.Logger, connection.Id);
        state.Changes.Notify();
        await ConnectionLoop.RunAsync(connection, state).ConfigureAwait(false);
    }
}
