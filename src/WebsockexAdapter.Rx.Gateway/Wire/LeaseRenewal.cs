namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Every channel a consumer wants, sent every lease interval. It replaces what the gateway held for that consumer, so
/// a gateway that has just taken over learns all demand within one interval, and a consumer that died stops renewing.
/// </summary>
/// <param name="ConsumerId">The consumer.</param>
/// <param name="Channels">Every channel it wants now.</param>
internal sealed record LeaseRenewal(string ConsumerId, IReadOnlyList<string> Channels);
