using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Methods;

/// <summary><c>public/hello</c>, <c>public/test</c>, <c>public/get_time</c> and <c>public/status</c>.</summary>
internal static class PublicMethods
{
    public static RpcOutcome Hello(RequestContext context)
    {
        _ = context.Params.OptionalString("client_name");
        _ = context.Params.OptionalString("client_version");
        return RpcOutcome.Ok(WriteVersion);
    }

    /// <summary>Also the answer to a <c>test_request</c>: any <c>public/test</c> proves the connection alive.</summary>
    public static RpcOutcome Test(RequestContext context)
    {
        _ = context.Params.OptionalString("expected_result");
        context.Connection.Heartbeat.TestReceived();
        return RpcOutcome.Ok(WriteVersion);
    }

    public static RpcOutcome GetTime(RequestContext context)
    {
        var now = Microseconds.NowMs(context.State.Clock);
        return RpcOutcome.Ok(w => w.WriteNumberValue(now));
    }

    public static RpcOutcome Status(RequestContext context) => RpcOutcome.Ok(static w =>
    {
        w.WriteStartObject();
        w.WriteString("locked", "false");
        w.WriteStartArray("locked_indices");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteVersion(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("version", SimulatorOptions.ServerVersion);
        w.WriteEndObject();
    }
}
