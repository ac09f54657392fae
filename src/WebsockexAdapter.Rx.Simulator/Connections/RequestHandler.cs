using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>Handles one received text frame: parse, record, charge credits, dispatch, reply.</summary>
internal static class RequestHandler
{
    public static void Handle(SimConnection connection, SimulatorState state, ReadOnlyMemory<byte> frame)
    {
        var clock = state.Clock;
        var usIn = Microseconds.Now(clock);
        using var request = RpcRequest.TryParse(frame, out var parseError, out var idJson);
        if (request is null)
        {
            connection.Replies.Send(RpcReply.Error(idJson, usIn, Microseconds.Now(clock), parseError!));
            return;
        }

        connection.Methods.Add(request.Method);
        state.OnMethodCalled(connection, request.Method);

        if (state.Faults.TakeForcedRateLimit() || !connection.Credits.TryTake())
        {
            // Bypasses delay and reorder: the error must reach the client before the close frame.
            connection.Outbox.Enqueue(RpcReply.Error(idJson, usIn, Microseconds.Now(clock), RpcError.TooManyRequests()));
            connection.RequestClose(WebSocketCloseStatus.PolicyViolation, "too_many_requests");
            return;
        }

        RpcOutcome outcome;
        try
        {
            outcome = MethodDispatcher.Dispatch(new RequestContext(request, connection, state));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A handler bug must not take the connection (or the server) down; the client sees an internal error.
            Log.HandlerFailed(state.Logger, connection.Id, request.Method, error);
            outcome = RpcOutcome.Fail(new RpcError(ErrorCodes.InternalError, "Internal error"));
        }

        if (request.IdJson is not null)
        {
            var usOut = Microseconds.Now(clock);
            var reply = outcome.Error is { } error
                ? RpcReply.Error(request.IdJson, usIn, usOut, error)
                : RpcReply.Result(request.IdJson, usIn, usOut, outcome.WriteResult!);
            connection.Replies.Send(reply);
        }

        outcome.AfterReply?.Invoke();
    }
}
