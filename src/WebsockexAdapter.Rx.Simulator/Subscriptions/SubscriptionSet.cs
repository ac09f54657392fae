using WebsockexAdapter.Rx.Simulator.Connections;
using WebsockexAdapter.Rx.Simulator.MarketData;

namespace WebsockexAdapter.Rx.Simulator.Subscriptions;

/// <summary>
/// A connection's subscriptions, in the order they were made. Each market-data channel has its own stream task,
/// cancelled on unsubscribe or when the connection ends; <c>user.orders</c> channels are pushed by the order store.
/// </summary>
internal sealed class SubscriptionSet(SimConnection connection, SimulatorState state)
{
    private readonly object _gate = new();
    private readonly List<ChannelName> _channels = [];
    private readonly Dictionary<string, CancellationTokenSource> _streams = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels.Select(c => c.Name)];
            }
        }
    }

    public bool Contains(string name)
    {
        lock (_gate)
        {
            return _channels.Exists(c => c.Name == name);
        }
    }

    /// <summary>Adds the channel; true when it was not subscribed yet (its stream starts with <see cref="Start"/>).</summary>
    public bool Add(ChannelName channel)
    {
        lock (_gate)
        {
            if (_channels.Exists(c => c.Name == channel.Name))
            {
                return false;
            }

            _channels.Add(channel);
            return true;
        }
    }

    /// <summary>Starts the market-data stream of a channel added before; called once the reply is queued.</summary>
    public void Start(ChannelName channel)
    {
        if (!channel.IsMarketData)
        {
            return;
        }

        CancellationTokenSource stream;
        lock (_gate)
        {
            if (!_channels.Contains(channel) || _streams.ContainsKey(channel.Name) || connection.IsClosed)
            {
                return;
            }

            stream = CancellationTokenSource.CreateLinkedTokenSource(connection.Lifetime);
            _streams[channel.Name] = stream;
        }

        BackgroundWork.Observe(ChannelPublisher.RunAsync(connection, state, channel, stream.Token), state.Logger, connection.Id, $"stream {channel.Name}");
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            var removed = _channels.RemoveAll(c => c.Name == name) > 0;
            if (_streams.Remove(name, out var stream))
            {
                stream.Cancel();
                stream.Dispose();
            }

            return removed;
        }
    }

    /// <summary>Unsubscribes everything.</summary>
    public void RemoveAll()
    {
        lock (_gate)
        {
            StopStreamsLocked();
            _channels.Clear();
        }
    }

    /// <summary>Stops every stream but keeps the names, so a closed connection still shows what it had subscribed.</summary>
    public void StopStreams()
    {
        lock (_gate)
        {
            StopStreamsLocked();
        }
    }

    private void StopStreamsLocked()
    {
        foreach (var stream in _streams.Values)
        {
            stream.Cancel();
            stream.Dispose();
        }

        _streams.Clear();
    }
}
