namespace WebsockexAdapter.Rx.Gateway;

/// <summary>What a change of demand means at the exchange: channels to subscribe and channels to unsubscribe.</summary>
/// <param name="Started">Channels nobody wanted before and somebody wants now.</param>
/// <param name="Stopped">Channels somebody wanted before and nobody wants now.</param>
internal sealed record DemandChange(IReadOnlyList<string> Started, IReadOnlyList<string> Stopped)
{
    public static readonly DemandChange None = new([], []);

    public bool IsEmpty => Started.Count == 0 && Stopped.Count == 0;
}
