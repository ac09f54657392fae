namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>Counts each channel's messages, its rate over the last second, and the epoch it last delivered on.</summary>
internal sealed class ChannelMeter(TimeProvider time, IEnumerable<string> channels)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, Meter> _meters = channels.ToDictionary(c => c, _ => new Meter(), StringComparer.Ordinal);

    public IReadOnlyCollection<string> Channels => _meters.Keys;

    public void Record(string channel, int epoch)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_meters.TryGetValue(channel, out var meter))
            {
                return;
            }

            meter.Total++;
            meter.LastEpoch = epoch;
            meter.Recent.Enqueue(now);
            meter.Trim(now - Window);
        }
    }

    public IReadOnlyList<ChannelStats> Read()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return [.. _meters.Select(m =>
            {
                m.Value.Trim(now - Window);
                return new ChannelStats(m.Key, m.Value.Total, m.Value.Recent.Count, m.Value.LastEpoch);
            })];
        }
    }

    private sealed class Meter
    {
        public long Total { get; set; }

        public int LastEpoch { get; set; }

        public Queue<DateTimeOffset> Recent { get; } = new();

        public void Trim(DateTimeOffset since)
        {
            while (Recent.TryPeek(out var oldest) && oldest < since)
            {
                Recent.Dequeue();
            }
        }
    }
}
