namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// The NATS subjects a gateway and its consumers share, all under one prefix (default <c>deribit</c>):
/// <list type="bullet">
/// <item><c>{prefix}.md.{channel}</c>: a channel's messages, e.g. <c>deribit.md.book.BTC-PERPETUAL.100ms</c>.</item>
/// <item><c>{prefix}.ctl.subscribe</c> / <c>{prefix}.ctl.unsubscribe</c>: a consumer's demand for a channel (request/reply).</item>
/// <item><c>{prefix}.ctl.lease</c>: a consumer's periodic renewal of every channel it wants (publish).</item>
/// <item><c>{prefix}.status</c>: the active gateway's adapter state, published on each change (and on request at <c>{prefix}.ctl.status</c>).</item>
/// </list>
/// The Deribit channel name becomes the subject's tail unchanged: its dots are NATS token separators, so
/// <c>{prefix}.md.book.*.100ms</c> matches every 100 ms book.
/// </summary>
/// <param name="prefix">The prefix: NATS tokens without wildcards or spaces.</param>
public sealed class GatewaySubjects(string prefix)
{
    /// <summary>The default prefix.</summary>
    public const string DefaultPrefix = "deribit";

    /// <summary>The prefix.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Where consumers ask for a channel; the reply carries the book snapshot for a book channel.</summary>
    public string Subscribe => $"{Prefix}.ctl.subscribe";

    /// <summary>Where consumers say they no longer want a channel.</summary>
    public string Unsubscribe => $"{Prefix}.ctl.unsubscribe";

    /// <summary>Where consumers renew their leases.</summary>
    public string Lease => $"{Prefix}.ctl.lease";

    /// <summary>Where the active gateway answers with its current status.</summary>
    public string StatusRequest => $"{Prefix}.ctl.status";

    /// <summary>Where the active gateway publishes each change of its adapter's state.</summary>
    public string Status => $"{Prefix}.status";

    /// <summary>The subject carrying one channel's messages.</summary>
    /// <param name="channel">The Deribit channel, e.g. <c>ticker.BTC-PERPETUAL.100ms</c>.</param>
    public string Data(string channel) => $"{Prefix}.md.{channel}";
}
