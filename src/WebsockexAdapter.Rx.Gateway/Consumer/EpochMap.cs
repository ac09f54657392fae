namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Turns (gateway, gateway adapter's epoch) into one local epoch that only goes up: 1 for the first session seen, one
/// more for each new one, whether the gateway's adapter reconnected or another gateway took over. A strategy reads it
/// as it reads a local adapter's epoch.
/// </summary>
internal sealed class EpochMap
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Gateway, int Epoch), int> _known = [];
    private int _current;

    public int Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public int Local(string gatewayId, int epoch)
    {
        lock (_gate)
        {
            if (epoch <= 0)
            {
                return _current;
            }

            if (!_known.TryGetValue((gatewayId, epoch), out var local))
            {
                local = ++_current;
                _known[(gatewayId, epoch)] = local;
            }

            return local;
        }
    }
}
