namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Which consumer wants which channel, each behind a lease: a channel is wanted while at least one consumer whose lease
/// has not expired wants it. Pure bookkeeping (the caller passes the time and acts on the returned change); not
/// thread-safe.
/// </summary>
internal sealed class DemandTable(TimeSpan leaseTimeout)
{
    private readonly Dictionary<string, ConsumerLease> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _wanters = new(StringComparer.Ordinal);

    /// <summary>Every channel wanted now.</summary>
    public IReadOnlyCollection<string> Channels => _wanters.Keys;

    /// <summary>How many consumers hold a lease.</summary>
    public int ConsumerCount => _consumers.Count;

    /// <summary>How many consumers want a channel.</summary>
    public int Wanters(string channel) => _wanters.GetValueOrDefault(channel);

    /// <summary>Forgets everything (a gateway stepping down); the next active gateway learns demand from leases.</summary>
    public void Clear()
    {
        _consumers.Clear();
        _wanters.Clear();
    }

    public DemandChange Add(string consumer, string channel, DateTimeOffset now)
    {
        var lease = Lease(consumer, now);
        return lease.Channels.Add(channel) ? Counted(started: [channel], stopped: []) : DemandChange.None;
    }

    public DemandChange Remove(string consumer, string channel, DateTimeOffset now)
    {
        if (!_consumers.TryGetValue(consumer, out var lease) || !lease.Channels.Remove(channel))
        {
            return DemandChange.None;
        }

        lease.ExpiresAt = now + leaseTimeout;
        if (lease.Channels.Count == 0)
        {
            _consumers.Remove(consumer);
        }

        return Counted(started: [], stopped: [channel]);
    }

    /// <summary>Replaces a consumer's channels with <paramref name="channels"/> and extends its lease.</summary>
    public DemandChange Renew(string consumer, IReadOnlyCollection<string> channels, DateTimeOffset now)
    {
        var lease = Lease(consumer, now);
        var wanted = new HashSet<string>(channels, StringComparer.Ordinal);
        var stopped = lease.Channels.Where(c => !wanted.Contains(c)).ToList();
        var started = wanted.Where(c => !lease.Channels.Contains(c)).ToList();
        lease.Channels.Clear();
        lease.Channels.UnionWith(wanted);
        if (wanted.Count == 0)
        {
            _consumers.Remove(consumer);
        }

        return Counted(started, stopped);
    }

    /// <summary>Drops every consumer whose lease ended at or before <paramref name="now"/>.</summary>
    public DemandChange Expire(DateTimeOffset now)
    {
        var expired = _consumers.Where(c => c.Value.ExpiresAt <= now).ToList();
        var stopped = new List<string>();
        foreach (var (consumer, lease) in expired)
        {
            _consumers.Remove(consumer);
            stopped.AddRange(lease.Channels);
        }

        return Counted([], stopped);
    }

    private ConsumerLease Lease(string consumer, DateTimeOffset now)
    {
        if (!_consumers.TryGetValue(consumer, out var lease))
        {
            lease = new ConsumerLease();
            _consumers.Add(consumer, lease);
        }

        lease.ExpiresAt = now + leaseTimeout;
        return lease;
    }

    /// <summary>Applies one consumer's additions and removals to the per-channel counts; returns the channels that crossed zero.</summary>
    private DemandChange Counted(IReadOnlyList<string> started, IReadOnlyList<string> stopped)
    {
        var nowWanted = new List<string>();
        foreach (var channel in started)
        {
            var count = _wanters.GetValueOrDefault(channel) + 1;
            _wanters[channel] = count;
            if (count == 1)
            {
                nowWanted.Add(channel);
            }
        }

        var nowUnwanted = new List<string>();
        foreach (var channel in stopped)
        {
            var count = _wanters.GetValueOrDefault(channel) - 1;
            if (count <= 0)
            {
                _wanters.Remove(channel);
                nowUnwanted.Add(channel);
            }
            else
            {
                _wanters[channel] = count;
            }
        }

        return nowWanted.Count == 0 && nowUnwanted.Count == 0 ? DemandChange.None : new DemandChange(nowWanted, nowUnwanted);
    }

    private sealed class ConsumerLease
    {
        public HashSet<string> Channels { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
