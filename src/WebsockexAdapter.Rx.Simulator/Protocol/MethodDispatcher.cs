using WebsockexAdapter.Rx.Simulator.Methods;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>
/// Routes a request to its handler. Every <c>private/</c> method first needs a valid token: the connection's, or an
/// <c>access_token</c> param; otherwise 13009.
/// </summary>
internal static class MethodDispatcher
{
    private static readonly Dictionary<string, Func<RequestContext, RpcOutcome>> Handlers = Build();

    public static RpcOutcome Dispatch(RequestContext context)
    {
        if (!Handlers.TryGetValue(context.Request.Method, out var handler))
        {
            return RpcOutcome.Fail(new RpcError(ErrorCodes.MethodNotFound, "Method not found", Reason: context.Request.Method));
        }

        try
        {
            if (context.Request.Method.StartsWith("private/", StringComparison.Ordinal))
            {
                var clientId = context.State.Tokens.AuthorizedClient(context.Connection.Auth, context.Params.OptionalString("access_token"), out var error);
                if (clientId is null)
                {
                    return RpcOutcome.Fail(error!);
                }

                context.ClientId = clientId;
            }

            return handler(context);
        }
        catch (RpcException failure)
        {
            return RpcOutcome.Fail(failure.Error);
        }
    }

    private static Dictionary<string, Func<RequestContext, RpcOutcome>> Build() => new(StringComparer.Ordinal)
    {
        ["public/hello"] = PublicMethods.Hello,
        ["public/test"] = PublicMethods.Test,
        ["public/get_time"] = PublicMethods.GetTime,
        ["public/status"] = PublicMethods.Status,
        ["public/set_heartbeat"] = HeartbeatMethods.SetHeartbeat,
        ["public/disable_heartbeat"] = HeartbeatMethods.DisableHeartbeat,
        ["public/auth"] = AuthMethods.Auth,
        ["private/logout"] = AuthMethods.Logout,
        ["public/subscribe"] = SubscriptionMethods.PublicSubscribe,
        ["private/subscribe"] = SubscriptionMethods.PrivateSubscribe,
        ["public/unsubscribe"] = SubscriptionMethods.Unsubscribe,
        ["private/unsubscribe"] = SubscriptionMethods.Unsubscribe,
        ["public/unsubscribe_all"] = SubscriptionMethods.UnsubscribeAll,
        ["private/unsubscribe_all"] = SubscriptionMethods.UnsubscribeAll,
        ["private/buy"] = OrderMethods.Buy,
        ["private/sell"] = OrderMethods.Sell,
        ["private/cancel"] = OrderMethods.Cancel,
        ["private/cancel_all"] = OrderMethods.CancelAll,
        ["private/cancel_all_by_instrument"] = OrderMethods.CancelAllByInstrument,
        ["private/get_open_orders_by_instrument"] = OrderMethods.GetOpenOrdersByInstrument,
        ["private/get_order_state"] = OrderMethods.GetOrderState,
        ["private/enable_cancel_on_disconnect"] = CancelOnDisconnectMethods.Enable,
        ["private/disable_cancel_on_disconnect"] = CancelOnDisconnectMethods.Disable,
        ["private/get_cancel_on_disconnect"] = CancelOnDisconnectMethods.Get,
    };
}
