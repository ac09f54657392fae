namespace WebsockexAdapter.Rx.Simulator.Faults;

/// <summary>Counts a connection's sent messages down to the kill-after-N fault; 0 means off.</summary>
internal sealed class KillCounter(int initial)
{
    private int _remaining = initial;

    public void Set(int messages) => Volatile.Write(ref _remaining, messages);

    /// <summary>Records one sent message; true when it was the last one allowed.</summary>
    public bool CountSent()
    {
        var remaining = Volatile.Read(ref _remaining);
        return remaining > 0 && Interlocked.Decrement(ref _remaining) == 0;
    }
}
