namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The channels this process wants, counted across its own subscribers: the gateway hears of the first and the last.</summary>
internal sealed class ConsumerDemand
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Acquire(string channel)
    {
        lock (_gate)
        {
            _counts[channel] = _counts.GetValueOrDefault(channel) + 1;
        }
    }

    /// <summary>Returns true when that was the last local subscriber of the channel.</summary>
    public bool Release(string channel)
    {
        lock (_gate)
        {
            var count = _counts.GetValueOrDefault(channel) - 1;
            if (count > 0)
            {
                _counts[channel] = count;
                return false;
            }

            _counts.Remove(channel);
            return true;
        }
    }

    public IReadOnlyList<string> Channels()
    {
        lock (_gate)
        {
            return [.. _counts.Keys];
        }
    }
}
