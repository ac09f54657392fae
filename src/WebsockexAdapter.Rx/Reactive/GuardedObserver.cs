using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Wraps a user's observer so that an exception it throws is logged instead of unwinding into the library (where it
/// would end the connection, or the restore, that delivered the value). An observer that threw is cut off: it gets
/// nothing more, since its state is unknown, while every other observer and the connection go on. No allocation per
/// call: frames pass through it.
/// </summary>
/// <param name="observer">The user's observer.</param>
/// <param name="logger">Where a failure is logged.</param>
/// <param name="stream">The stream's name in the log line (<c>States</c>, <c>Frames</c>, ...).</param>
/// <param name="connectionId">The connection concerned, read only when the observer has thrown.</param>
internal sealed class GuardedObserver<T>(IObserver<T> observer, ILogger logger, string stream, Func<string> connectionId) : IObserver<T>
{
    private int _stopped;

#pragma warning disable CA1031 // A faulty observer must not take the connection down with it.
    public void OnNext(T value)
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            return;
        }

        try
        {
            observer.OnNext(value);
        }
        catch (Exception error)
        {
            CutOff(error);
        }
    }

    public void OnError(Exception error)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            observer.OnError(error);
        }
        catch (Exception thrown)
        {
            Log.ObserverFailed(logger, connectionId(), stream, thrown);
        }
    }

    public void OnCompleted()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            observer.OnCompleted();
        }
        catch (Exception error)
        {
            Log.ObserverFailed(logger, connectionId(), stream, error);
        }
    }
#pragma warning restore CA1031

    private void CutOff(Exception error)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Log.ObserverFailed(logger, connectionId(), stream, error);
        }
    }
}
