namespace WebsockexAdapter.Rx.Simulator.Observability;

/// <summary>The methods a connection has called, in order; thread-safe.</summary>
internal sealed class MethodLog
{
    private readonly List<string> _methods = [];

    public void Add(string method)
    {
        lock (_methods)
        {
            _methods.Add(method);
        }
    }

    public string[] ToArray()
    {
        lock (_methods)
        {
            return [.. _methods];
        }
    }
}
