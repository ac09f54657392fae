using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>
/// Work a connection starts beside its read and write loops (heartbeats, channel streams, delayed replies) and does
/// not wait for. Cancellation is its normal end; any other failure is logged with the connection's id, so no task
/// exception goes unobserved and a bug in one stream never takes the server down.
/// </summary>
internal static class BackgroundWork
{
    public static void Observe(Task work, ILogger logger, int connectionId, string what)
    {
        if (work.IsCompletedSuccessfully)
        {
            return;
        }

        work.ContinueWith(
            static (ended, context) =>
            {
                var (logger, connectionId, what) = ((ILogger, int, string))context!;
                if (ended.Exception is { } error && error.InnerException is not OperationCanceledException)
                {
                    Log.BackgroundFailed(logger, connectionId, what, error.InnerException ?? error);
                }
            },
            (logger, connectionId, what),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
