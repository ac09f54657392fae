namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Which subscribe method a channel goes through.</summary>
internal static class ChannelKind
{
    /// <summary>The account's own channels (<c>user.*</c>) go through <c>private/subscribe</c>; the rest through <c>public/subscribe</c>.</summary>
    public static bool IsPrivate(string channel) => channel.StartsWith("user.", StringComparison.Ordinal);
}
