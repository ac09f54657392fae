using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>
/// What a handler answers: a result writer or an error, and optionally work to do once the reply is queued
/// (starting a subscription's stream, so its first notification follows the reply).
/// </summary>
internal readonly record struct RpcOutcome(Action<Utf8JsonWriter>? WriteResult, RpcError? Error, Action? AfterReply = null)
{
    public static readonly RpcOutcome OkString = Ok(static w => w.WriteStringValue("ok"));

    public static RpcOutcome Ok(Action<Utf8JsonWriter> writeResult, Action? afterReply = null) => new(writeResult, null, afterReply);

    public static RpcOutcome Fail(RpcError error) => new(null, error);
}
