using NATS.Client.KeyValueStore;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Leadership through NATS itself: one JetStream KV key whose bucket's <c>MaxAge</c> is the leader TTL. A gateway
/// becomes leader by creating the key (which fails while another holds it) and stays leader by updating it with the
/// revision it last wrote (which fails once anyone else has written it, or it expired). A leader that dies stops
/// updating; the entry ages out after the TTL and a standby's create succeeds.
/// </summary>
internal sealed class LeaderLease(INatsKVStore store, string key, string gatewayId)
{
    private ulong? _revision;

    /// <summary>Creates or renews the key; false when another gateway holds it (or ours was lost).</summary>
    /// <exception cref="NATS.Client.Core.NatsException">NATS could not be asked (unknown: the caller decides).</exception>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        var result = _revision is { } revision
            ? await store.TryUpdateAsync(key, gatewayId, revision, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await store.TryCreateAsync(key, gatewayId, cancellationToken: cancellationToken).ConfigureAwait(false);
        _revision = result.Success ? result.Value : null;
        return result.Success;
    }
}
