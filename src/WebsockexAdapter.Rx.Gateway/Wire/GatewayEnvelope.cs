namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// One message on a channel subject. <see cref="Seq"/> counts the messages of one <see cref="Source"/> (a gateway's
/// feed of that channel) without holes, so a consumer sees any loss (a slow consumer, a dropped publish) as a jump and
/// any repeat as a number it has passed; a new source (another gateway, or the channel re-subscribed) starts again.
/// </summary>
internal sealed record GatewayEnvelope<T>
{
    /// <summary>The gateway instance, e.g. <c>gw-3f2a...</c>.</summary>
    public required string GatewayId { get; init; }

    /// <summary>The feed: the gateway and the generation of this channel's subscription there.</summary>
    public required string Source { get; init; }

    /// <summary>1, 2, 3, ... within <see cref="Source"/>.</summary>
    public required long Seq { get; init; }

    /// <summary>The gateway adapter's connection epoch.</summary>
    public int Epoch { get; init; }

    /// <summary>The gateway adapter's connection id.</summary>
    public string ConnectionId { get; init; } = string.Empty;

    /// <summary>When the gateway's adapter received it.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The payload; default when <see cref="Error"/> is set.</summary>
    public T? Data { get; init; }

    /// <summary>Set when the exchange refused the channel or the adapter gave up: the stream ends with this error.</summary>
    public string? Error { get; init; }
}
