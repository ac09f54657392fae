using System.Collections.Concurrent;
using System.Reactive.Disposables;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The channels wanted, reference-counted by subscriber: what every restore replays. The first subscriber of a channel
/// and the last one to leave each raise <c>changed</c>, so the live connection subscribes or unsubscribes; delivery
/// looks the channel up without a lock and calls its subscribers in order.
/// </summary>
internal sealed class SubscriptionRegistry(Action changed)
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, ChannelObserver[]> _channels = new(StringComparer.Ordinal);

    /// <summary>How many channels are wanted.</summary>
    public int Count => _channels.Count;

    /// <summary>Adds a subscriber; disposing the result removes it.</summary>
    public IDisposable Add(string channel, ChannelObserver subscriber)
    {
        bool first;
        lock (_gate)
        {
            first = !_channels.TryGetValue(channel, out var current);
            _channels[channel] = current is null ? [subscriber] : [.. current, subscriber];
        }

        if (first)
        {
            changed();
        }

        return Disposable.Create((Registry: this, Channel: channel, Subscriber: subscriber), static s => s.Registry.Remove(s.Channel, s.Subscriber));
    }

    /// <summary>The channels wanted now.</summary>
    public IReadOnlyCollection<string> Wanted() => [.. _channels.Keys];

    /// <summary>Whether anyone wants <paramref name="channel"/> now.</summary>
    public bool IsWanted(string channel) => _channels.ContainsKey(channel);

    /// <summary>Hands a notification to the channel's subscribers; a channel nobody wants any more is ignored.</summary>
    public void Deliver(in ChannelMessage<JsonElement> message)
    {
        if (_channels.TryGetValue(message.Channel, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.OnNext(message);
            }
        }
    }

    /// <summary>Ends a channel the exchange refused: its subscribers get <paramref name="error"/>, and it is no longer wanted.</summary>
    public void Reject(string channel, Exception error)
    {
        ChannelObserver[]? subscribers;
        lock (_gate)
        {
            _channels.TryRemove(channel, out subscribers);
        }

        foreach (var subscriber in subscribers ?? [])
        {
            subscriber.OnError(error);
        }
    }

    /// <summary>Completes every subscriber (the adapter is being disposed).</summary>
    public void CompleteAll()
    {
        List<ChannelObserver[]> all;
        lock (_gate)
        {
            all = [.. _channels.Values];
            _channels.Clear();
        }

        foreach (var subscriber in all.SelectMany(static s => s))
        {
            subscriber.OnCompleted();
        }
    }

    private void Remove(string channel, ChannelObserver subscriber)
    {
        bool last;
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var current) || Array.IndexOf(current, subscriber) < 0)
            {
                return;
            }

            var rest = current.Where(s => s != subscriber).ToArray();
            last = rest.Length == 0;
            if (last)
            {
                _channels.TryRemove(channel, out _);
            }
            else
            {
                _channels[channel] = rest;
            }
        }

        if (last)
        {
            changed();
        }
    }
}
