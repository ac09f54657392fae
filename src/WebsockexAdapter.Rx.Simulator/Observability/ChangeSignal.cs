namespace WebsockexAdapter.Rx.Simulator.Observability;

/// <summary>
/// Lets tests await a condition on the simulator's state instead of polling: every change re-checks the waiting
/// conditions, and each wait has a timeout, so nothing hangs.
/// </summary>
internal sealed class ChangeSignal
{
    private readonly object _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (condition, done);
        lock (_gate)
        {
            if (condition())
            {
                return;
            }

            _waiters.Add(waiter);
        }

        try
        {
            await done.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {describe()}.");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public void Notify()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
