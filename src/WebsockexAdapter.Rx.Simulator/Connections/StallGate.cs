namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>Holds a connection's reading and writing while the stall fault is on.</summary>
internal sealed class StallGate
{
    private volatile TaskCompletionSource? _closed;

    public bool IsStalled => _closed is not null;

    public void Stall(bool on)
    {
        if (on)
        {
            Interlocked.CompareExchange(ref _closed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
        }
        else
        {
            Interlocked.Exchange(ref _closed, null)?.TrySetResult();
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) =>
        _closed is { } closed ? closed.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
}
