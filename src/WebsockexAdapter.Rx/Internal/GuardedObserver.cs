using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Wraps a user's observer so that an exception it throws is logged instead of unwinding into the client (where it
/// would end the connection that delivered the value). No allocation per call: frames pass through it.
/// </summary>
internal sealed class GuardedObserver<T>(IObserver<T> observer, ILogger logger, string clientId) : IObserver<T>
{
#pragma warning disable CA1031 // A faulty observer must not take the connection down with it.
    public void OnNext(T value)
    {
        try
        {
            observer.OnNext(value);
        }
        catch (Exception error)
        {
            Log.ObserverFailed(logger, clientId, error);
        }
    }

    public void OnError(Exception error)
    {
        try
        {
            observer.OnError(error);
        }
        catch (Exception thrown)
        {
            Log.ObserverFailed(logger, clientId, thrown);
        }
    }

    public void OnCompleted()
    {
        try
        {
            observer.OnCompleted();
        }
        catch (Exception error)
        {
            Log.ObserverFailed(logger, clientId, error);
        }
    }
#pragma warning restore CA1031
}
