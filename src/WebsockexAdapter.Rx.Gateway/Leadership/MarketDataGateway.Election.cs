using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Which of the gateways sharing a prefix is active: the one holding the leader key (see <see cref="LeaderLease"/>).</summary>
public sealed partial class MarketDataGateway
{
    /// <summary>The KV bucket holding the leader key: the prefix with its dots made underscores, then <c>_gateway</c>.</summary>
    internal string LeaderBucket => $"{_subjects.Prefix.Replace('.', '_')}_gateway";

    /// <summary>
    /// Tries for the key every third of the TTL: a term starts when it is won and ends when a renewal is refused. When
    /// NATS cannot be asked (it is restarting), the gateway keeps its role until a TTL has passed since its last
    /// successful renewal: by then the key has aged out and another gateway may hold it.
    /// </summary>
    private async Task ElectAsync(NatsConnection nats, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var clock = _options.TimeProvider;
        LeaderLease? lease = null;
        CancellationTokenSource? term = null;
        var termTask = Task.CompletedTask;
        var lastHeld = DateTimeOffset.MinValue;
        try
        {
            while (true)
            {
                bool held;
                try
                {
                    lease ??= new LeaderLease(await OpenBucketAsync(nats, ttl, cancellationToken).ConfigureAwait(false), "leader", GatewayId);
                    held = await lease.TryHoldAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is NatsException or TimeoutException)
                {
                    GatewayLog.ElectionFailed(_logger, GatewayId, error.Message);
                    held = term is not null && clock.GetUtcNow() - lastHeld < ttl;
                }

                if (held)
                {
                    lastHeld = clock.GetUtcNow();
                }

                if (held && term is null)
                {
                    term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    termTask = TermAsync(nats, term.Token);
                }
                else if ((!held || termTask.IsCompleted) && term is not null)
                {
                    await EndAsync().ConfigureAwait(false);
                }

                await Task.Delay(ttl / 3, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await EndAsync().ConfigureAwait(false);
        }

        async Task EndAsync()
        {
            if (term is null)
            {
                return;
            }

            await term.CancelAsync().ConfigureAwait(false);
            try
            {
                await termTask.ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or NatsException)
            {
                // The term ended by cancellation, or because NATS went away under it; the next one starts clean.
            }

            term.Dispose();
            term = null;
        }
    }

    private async Task<INatsKVStore> OpenBucketAsync(NatsConnection nats, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var kv = new NatsKVContext(new NatsJSContext(nats));
        return await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(LeaderBucket) { MaxAge = ttl, History = 1, Storage = NatsKVStorageType.File }, cancellationToken).ConfigureAwait(false);
    }
}
