using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The channels wanted, reference-counted by subscriber: what every restore replays. The first subscriber of a channel
/// and the last one to leave each raise <c>changed</c>, so the live connection subscribes or unsubscribes; delivery
/// looks the channel up without a lock and calls its subscribers in order.
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, ChannelObserver[]> _channels = new(ChannelNameComparer.Instance);
    private readonly ConcurrentDictionary<string, ChannelObserver[]>.AlternateLookup<ReadOnlySpan<byte>> _byUtf8;
    private readonly Action _changed;

    public SubscriptionRegistry(Action changed)
    {
        _changed = changed;
        _byUtf8 = _channels.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

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
            _changed();
        }

        return Disposable.Create((Registry: this, Channel: channel, Subscriber: subscriber), static s => s.Registry.Remove(s.Channel, s.Subscriber));
    }

    /// <summary>The channels wanted now.</summary>
    public IReadOnlyCollection<string> Wanted() => [.. _channels.Keys];

    /// <summary>Whether anyone wants <paramref name="channel"/> now.</summary>
    public bool IsWanted(string channel) => _channels.ContainsKey(channel);

    /// <summary>
    /// Hands a notification to its channel's subscribers; a channel nobody wants any more is ignored. The channel is
    /// looked up from the notification's own bytes, so no string is made per message: the message carries the
    /// registry's name for the channel.
    /// </summary>
    public void Deliver(JsonElement channel, JsonElement data, int epoch, string connectionId, DateTimeOffset receivedAt)
    {
        if (TryFind(channel, out var name, out var subscribers))
        {
            Deliver(name, subscribers, data, epoch, connectionId, receivedAt);
        }
    }

    /// <summary>The same, for a channel name given as its UTF-8 bytes, without escapes.</summary>
    public void Deliver(ReadOnlySpan<byte> channel, JsonElement data, int epoch, string connectionId, DateTimeOffset receivedAt)
    {
        if (TryFind(channel, out var name, out var subscribers))
        {
            Deliver(name, subscribers, data, epoch, connectionId, receivedAt);
        }
    }

    /// <summary>
    /// Hands a notification to its channel's subscribers from its bytes: a typed subscriber decodes them itself, and the
    /// raw ones share one document of them (<see cref="ChannelData"/>), parsed here once. False, with nothing delivered, when the
    /// channel is not wanted or the bytes are malformed; the session then takes its usual path, which skips and counts a
    /// malformed message.
    /// </summary>
    public bool TryDeliver(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> data, int epoch, string connectionId, IScheduler clock)
    {
        if (!TryFind(channel, out var name, out var subscribers))
        {
            return false;
        }

        ChannelData? shared = null;
        foreach (var subscriber in subscribers)
        {
            if (!subscriber.TakesBytes)
            {
                // Parsed before anyone gets it, which checks it: a raw subscriber never sees data a document would refuse.
                shared = ChannelData.TryParse(data);
                if (shared is null)
                {
                    return false;
                }

                break;
            }
        }

        var receivedAt = clock.Now;
        var message = shared is null ? default : new ChannelMessage<ChannelData>(name, shared, epoch, connectionId, receivedAt);
        foreach (var subscriber in subscribers)
        {
            if (!subscriber.TakesBytes)
            {
                subscriber.OnNext(message);
            }
            else if (!subscriber.OnData(data, name, epoch, connectionId, receivedAt))
            {
                // Only when no raw subscriber checked them first, and then the first decoder finds them malformed.
                return false;
            }
        }

        return true;
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

    private static void Deliver(string name, ChannelObserver[] subscribers, JsonElement data, int epoch, string connectionId, DateTimeOffset receivedAt)
    {
        var message = new ChannelMessage<ChannelData>(name, new ChannelData(data), epoch, connectionId, receivedAt);
        foreach (var subscriber in subscribers)
        {
            subscriber.OnNext(message);
        }
    }

    private bool TryFind(JsonElement channel, out string name, out ChannelObserver[] subscribers)
    {
        // The raw value is the quoted string as it arrived; one with escapes (never seen in channel names) takes the slow way.
        var raw = JsonMarshal.GetRawUtf8Value(channel);
        if (raw.Length >= 2 && raw.IndexOf((byte)'\\') < 0)
        {
            return TryFind(raw[1..^1], out name, out subscribers);
        }

        name = channel.GetString()!;
        return _channels.TryGetValue(name, out subscribers!);
    }

    private bool TryFind(ReadOnlySpan<byte> utf8, out string name, out ChannelObserver[] subscribers) =>
        _byUtf8.TryGetValue(utf8, out name!, out subscribers!);

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
            _changed();
        }
    }
}
