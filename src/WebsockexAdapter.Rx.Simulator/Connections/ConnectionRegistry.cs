namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>Every connection ever accepted, in order (ids 1, 2, ...), and which of them are still alive.</summary>
internal sealed class ConnectionRegistry
{
    private readonly object _gate = new();
    private readonly List<SimConnection> _all = [];
    private int _alive;

    public int Opened
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    public int Alive => Volatile.Read(ref _alive);

    public SimConnection Open(Func<int, SimConnection> create)
    {
        lock (_gate)
        {
            var connection = create(_all.Count + 1);
            _all.Add(connection);
            _alive++;
            return connection;
        }
    }

    public void Closed(SimConnection connection)
    {
        lock (_gate)
        {
            _alive--;
        }
    }

    public IReadOnlyList<SimConnection> All()
    {
        lock (_gate)
        {
            return [.. _all];
        }
    }

    public IReadOnlyList<SimConnection> Live()
    {
        lock (_gate)
        {
            return [.. _all.Where(c => !c.IsClosed)];
        }
    }
}
