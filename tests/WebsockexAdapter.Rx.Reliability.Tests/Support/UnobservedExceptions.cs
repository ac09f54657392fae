using System.Collections.Concurrent;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// The unobserved task exceptions raised while a piece of work runs and its garbage is finalized (a task's unobserved
/// exception is raised by its finalizer, so the collection is part of the work).
/// </summary>
internal static class UnobservedExceptions
{
    public static async Task<IReadOnlyCollection<string>> DuringAsync(Func<Task> work)
    {
        var unobserved = new ConcurrentQueue<string>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception.ToString());
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await work();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        return unobserved;
    }
}
