using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>Wraps a user's observer so that an exception it throws is logged instead of unwinding into the client.</summary>
internal sealed class GuardedObserver<T>(IObserver<T> observer, ILogger logger, string clientId) : IObserver<T>
{
    public void OnNext(T value) => Guard(() => observer.OnNext(value));

    public void OnError(Exception error) => Guard(() => observer.OnError(error));

    public void OnCompleted() => Guard(observer.OnCompleted);

    private void Guard(Action call)
    {
        try
        {
            call();
        }
#pragma warning disable CA1031 // A faulty observer must not take the connection down with it.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(logger, clientId, error);
        }
    }
}
