namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Runs replay work with no <see cref="SynchronizationContext"/>, so that the <c>await</c> continuations it triggers
/// in the client and adapter run inline, on the scheduler's thread, in a repeatable order (a test framework's context
/// would send them to the thread pool).
/// </summary>
internal static class NoSynchronizationContext
{
    public static void Run(Action action)
    {
        var previous = SynchronizationContext.Current;
        if (previous is null)
        {
            action();
            return;
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public static void Run<TState>(Action<TState> action, TState state)
    {
        var previous = SynchronizationContext.Current;
        if (previous is null)
        {
            action(state);
            return;
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action(state);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
