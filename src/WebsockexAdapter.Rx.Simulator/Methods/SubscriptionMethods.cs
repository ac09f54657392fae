using WebsockexAdapter.Rx.Simulator.Protocol;
using WebsockexAdapter.Rx.Simulator.Subscriptions;

namespace WebsockexAdapter.Rx.Simulator.Methods;

/// <summary>
/// <c>public/subscribe</c>, <c>private/subscribe</c>, the unsubscribes. Unknown channels are left out of the answer,
/// as the exchange does; a <c>raw</c> or <c>user.*</c> channel on an unauthenticated connection refuses the whole
/// request with 13778.
/// </summary>
internal static class SubscriptionMethods
{
    public static RpcOutcome PublicSubscribe(RequestContext context) => Subscribe(context, context.Connection.Auth is { } auth && context.State.Tokens.IsValid(auth.AccessToken));

    /// <summary>The dispatcher has checked the token already.</summary>
    public static RpcOutcome PrivateSubscribe(RequestContext context) => Subscribe(context, authenticated: true);

    public static RpcOutcome Unsubscribe(RequestContext context)
    {
        var names = context.Params.RequiredStringArray("channels");
        var removed = names.Where(context.Connection.Subscriptions.Remove).ToList();
        context.State.Changes.Notify();
        return RpcOutcome.Ok(w => WriteNames(w, removed));
    }

    public static RpcOutcome UnsubscribeAll(RequestContext context)
    {
        context.Connection.Subscriptions.RemoveAll();
        context.State.Changes.Notify();
        return RpcOutcome.OkString;
    }

    private static RpcOutcome Subscribe(RequestContext context, bool authenticated)
    {
        var names = context.Params.RequiredStringArray("channels");
        var channels = new List<ChannelName>(names.Count);
        foreach (var name in names)
        {
            if (ChannelName.TryParse(name, context.State.Options.Instruments) is not { } channel)
            {
                Log.UnknownChannel(context.State.Logger, context.Connection.Id, name);
                continue;
            }

            if (channel.NeedsAuthentication && !authenticated)
            {
                return RpcOutcome.Fail(new RpcError(
                    ErrorCodes.RawSubscriptionsNotAvailable, "raw_subscriptions_not_available_for_unauthorized", "channels", name));
            }

            channels.Add(channel);
        }

        var subscriptions = context.Connection.Subscriptions;
        var added = channels.Where(subscriptions.Add).ToList();
        context.State.Changes.Notify();
        var answered = channels.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        return RpcOutcome.Ok(w => WriteNames(w, answered), () => added.ForEach(subscriptions.Start));
    }

    private static void WriteNames(System.Text.Json.Utf8JsonWriter w, List<string> names)
    {
        w.WriteStartArray();
        foreach (var name in names)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
    }
}
