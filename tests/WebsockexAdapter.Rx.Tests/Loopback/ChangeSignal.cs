namespace WebsockexAdapter.Rx.Tests.Loopback;

/// <summary>Lets a test wait, without polling or sleeping, until a condition over some counters holds.</summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _changed = NewSource();

    /// <summary>Wakes every waiter so that it checks its condition again.</summary>
    public void Notify() => Interlocked.Exchange(ref _changed, NewSource()).TrySetResult();

    /// <summary>Completes once <paramref name="condition"/> is true; fails with a <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition())
            {
                return;
            }

            await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
