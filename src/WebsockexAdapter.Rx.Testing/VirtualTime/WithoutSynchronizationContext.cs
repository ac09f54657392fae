namespace WebsockexAdapter.Rx.Testing;

/// <summary>
/// Runs code with no <see cref="SynchronizationContext"/>. .NET only runs an <c>await</c>'s continuation inline, on the
/// thread that completes the awaited task, when no custom context is current; test frameworks install one (xunit's
/// AsyncTestSyncContext), which would push the library's continuations to the thread pool and make virtual-time tests
/// racy. Everything the test scheduler runs, and every scripted server action, goes through here.
/// </summary>
internal static class WithoutSynchronizationContext
{
    public static TResult Run<TState, TResult>(TState state, Func<TState, TResult> action)
    {
        var previous = SynchronizationContext.Current;
        if (previous is null)
        {
            return action(state);
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return action(state);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public static void Run(Action action) => Run(action, static a =>
    {
        a();
        return true;
    });
}
