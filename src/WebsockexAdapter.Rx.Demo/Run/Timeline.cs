using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>
/// What the report draws: each channel's messages counted in half-second buckets, and every adapter state change,
/// both measured from the start of the run. Counts, not arrivals, so a day-long run keeps a few megabytes.
/// </summary>
internal sealed class Timeline(DateTimeOffset start)
{
    /// <summary>The width of one bucket.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromSeconds(0.5);

    private readonly object _gate = new();
    private readonly Dictionary<string, List<int>> _counts = new(StringComparer.Ordinal);
    private readonly List<TimelineState> _states = [];

    public void RecordMessage(string channel, DateTimeOffset at)
    {
        var bucket = (int)Math.Max(0, (at - start) / Bucket);
        lock (_gate)
        {
            if (!_counts.TryGetValue(channel, out var counts))
            {
                _counts[channel] = counts = [];
            }

            while (counts.Count <= bucket)
            {
                counts.Add(0);
            }

            counts[bucket]++;
        }
    }

    public void RecordState(AdapterState state)
    {
        lock (_gate)
        {
            _states.Add(new TimelineState(state.Timestamp - start, state.Status, state.Epoch));
        }
    }

    public TimelineData Read()
    {
        lock (_gate)
        {
            return new TimelineData(
                Bucket,
                _counts.ToDictionary(c => c.Key, c => (IReadOnlyList<int>)[.. c.Value], StringComparer.Ordinal),
                [.. _states]);
        }
    }
}

/// <summary>One adapter state change, since the start of the run.</summary>
internal sealed record TimelineState(TimeSpan At, AdapterStatus Status, int Epoch);

/// <summary>A timeline as read at the end of a run.</summary>
/// <param name="Bucket">The width of one count.</param>
/// <param name="Counts">Per channel, its messages in each bucket from the start of the run.</param>
/// <param name="States">The adapter's state changes, in order.</param>
internal sealed record TimelineData(TimeSpan Bucket, IReadOnlyDictionary<string, IReadOnlyList<int>> Counts, IReadOnlyList<TimelineState> States);
