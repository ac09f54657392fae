using WebsockexAdapter.Rx.Simulator.Orders;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Methods;

/// <summary><c>private/enable_cancel_on_disconnect</c>, <c>disable</c> and <c>get</c>, with scope <c>connection</c> (default) or <c>account</c>.</summary>
internal static class CancelOnDisconnectMethods
{
    public static RpcOutcome Enable(RequestContext context) => Set(context, enabled: true);

    public static RpcOutcome Disable(RequestContext context) => Set(context, enabled: false);

    public static RpcOutcome Get(RequestContext context)
    {
        var scope = Scope(context);
        var enabled = scope == "account"
            ? context.State.CancelOnDisconnect.IsAccountEnabled(context.ClientId)
            : CancelOnDisconnectSettings.IsEnabled(context.Connection, context.State);
        return RpcOutcome.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("scope", scope);
            w.WriteBoolean("enabled", enabled);
            w.WriteEndObject();
        });
    }

    private static RpcOutcome Set(RequestContext context, bool enabled)
    {
        if (Scope(context) == "account")
        {
            context.State.CancelOnDisconnect.SetAccount(context.ClientId, enabled);

            // The account's setting now governs this connection too.
            context.Connection.CancelOnDisconnect = null;
        }
        else
        {
            context.Connection.CancelOnDisconnect = enabled;
        }

        context.State.Changes.Notify();
        return RpcOutcome.OkString;
    }

    private static string Scope(RequestContext context)
    {
        var scope = context.Params.OptionalString("scope") ?? "connection";
        return scope is "connection" or "account" ? scope : throw ParamReader.Invalid("scope", "must be connection or account");
    }
}
