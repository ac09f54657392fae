using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Keeps one connection's subscriptions equal to the channels wanted. Each pass compares what is wanted with what the
/// exchange has confirmed, then sends at most one unsubscribe and one subscribe per kind (public, private). Passes never
/// overlap: a change that arrives during a pass makes the same run do one more pass, so nothing wanted is ever skipped.
/// </summary>
internal sealed class SubscriptionSync(SessionRunner runner, AdapterContext context)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _onServer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resync = new(StringComparer.Ordinal);
    private TaskCompletionSource? _running;
    private bool _dirty;
    private Task? _loop;

    /// <summary>The channels the exchange has confirmed on this connection.</summary>
    public IReadOnlyList<string> OnServer
    {
        get
        {
            lock (_gate)
            {
                return [.. _onServer];
            }
        }
    }

    /// <summary>Brings the subscriptions up to date; completes when no change is left to send.</summary>
    public Task SyncAsync()
    {
        TaskCompletionSource start;
        lock (_gate)
        {
            _dirty = true;
            if (_running is not null)
            {
                return _running.Task;
            }

            _running = start = new TaskCompletionSource();
        }

        _loop = RunAsync(start);
        return start.Task;
    }

    /// <summary>Asks for an unsubscribe and a new subscribe of <paramref name="channel"/>: the only repair of a broken book.</summary>
    public Task ResyncAsync(string channel)
    {
        lock (_gate)
        {
            _resync.Add(channel);
        }

        return SyncAsync();
    }

    /// <summary>The loop behind <see cref="SyncAsync"/>, for tests; it never faults itself.</summary>
    internal Task? Loop => _loop;

    private async Task RunAsync(TaskCompletionSource done)
    {
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (!_dirty)
                    {
                        _running = null;
                        break;
                    }

                    _dirty = false;
                }

                await PassAsync().ConfigureAwait(false);
            }

            done.TrySetResult();
        }
#pragma warning disable CA1031 // The failure goes to whoever awaits the sync (the restore, or the live-change observer).
        catch (Exception error)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _running = null;
            }

            done.TrySetException(error);
        }
    }

    private async Task PassAsync()
    {
        var wanted = context.Subscriptions.Wanted();
        List<string> subscribe, unsubscribe;
        lock (_gate)
        {
            var resync = _resync.Where(c => _onServer.Contains(c) && wanted.Contains(c)).ToList();
            _resync.Clear();
            subscribe = [.. wanted.Where(c => !_onServer.Contains(c)), .. resync];
            unsubscribe = [.. _onServer.Where(c => !wanted.Contains(c)), .. resync];
        }

        await UnsubscribeAsync("public/unsubscribe", [.. unsubscribe.Where(c => !ChannelKind.IsPrivate(c))]).ConfigureAwait(false);
        await UnsubscribeAsync("private/unsubscribe", [.. unsubscribe.Where(ChannelKind.IsPrivate)]).ConfigureAwait(false);
        await SubscribeAsync("public/subscribe", [.. subscribe.Where(c => !ChannelKind.IsPrivate(c))]).ConfigureAwait(false);
        await SubscribeAsync("private/subscribe", [.. subscribe.Where(ChannelKind.IsPrivate)]).ConfigureAwait(false);
    }

    private async Task UnsubscribeAsync(string method, List<string> channels)
    {
        if (channels.Count == 0)
        {
            return;
        }

        try
        {
            await runner.CallAsync(method, DeribitJson.Params(new ChannelsParams(channels), DeribitJson.Default.ChannelsParams), CancellationToken.None).ConfigureAwait(false);
        }
        catch (JsonRpcException)
        {
            // The exchange will not say it unsubscribed: it delivers nothing we want either way, and nothing routes it.
        }

        lock (_gate)
        {
            _onServer.ExceptWith(channels);
        }
    }

    private async Task SubscribeAsync(string method, List<string> channels)
    {
        if (channels.Count == 0)
        {
            return;
        }

        JsonElement answer;
        try
        {
            answer = await runner.CallAsync(method, DeribitJson.Params(new ChannelsParams(channels), DeribitJson.Default.ChannelsParams), CancellationToken.None).ConfigureAwait(false);
        }
        catch (JsonRpcException refused)
        {
            // A refusal is deterministic (13778: raw without auth, -32602: bad names): reconnecting would only repeat
            // it, so the channels' subscribers hear it and every other channel carries on.
            foreach (var channel in channels)
            {
                Reject(channel, refused.ErrorMessage, refused.Code);
            }

            return;
        }

        var confirmed = answer.ValueKind == JsonValueKind.Array
            ? answer.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var channel in channels)
        {
            if (confirmed.Contains(channel))
            {
                lock (_gate)
                {
                    _onServer.Add(channel);
                }
            }
            else
            {
                Reject(channel, "the exchange left it out of its answer (is the name right?)", null);
            }
        }
    }

    private void Reject(string channel, string reason, int? code)
    {
        DeribitLog.ChannelRejected(context.Logger, runner.Connection.Id, channel, reason);
        context.Subscriptions.Reject(channel, new SubscriptionRejectedException(channel, reason, code));
    }
}
