namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// Awaitable conditions over a test's own counters: whoever changes a counter calls <see cref="Notify"/>, which
/// re-checks every waiting condition. Nothing polls or sleeps, and every wait has a timeout.
/// </summary>
internal sealed class Conditions
{
    private readonly object _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public Task WaitAsync(Func<bool> condition, TimeSpan timeout, string description) => WaitAsync(condition, timeout, () => description);

    /// <summary>As above, with the description built when the wait times out (so it can report the state then).</summary>
    public async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> description)
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
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {description()}.");
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
