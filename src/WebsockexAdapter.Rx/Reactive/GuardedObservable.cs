using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// A stream whose every subscriber is isolated: an observer that throws is logged (with the stream's name and the
/// connection id) and cut off alone, instead of unwinding into the library, where it would end the connection or the
/// restore that delivered the value. Facades (a client, an adapter) hand their users' streams out through it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="source">The stream to hand out.</param>
/// <param name="logger">Where an observer's failure is logged.</param>
/// <param name="stream">The stream's name in the log line (<c>States</c>, <c>Frames</c>, ...).</param>
/// <param name="connectionId">The connection concerned, read only when an observer has thrown.</param>
public sealed class GuardedObservable<T>(IObservable<T> source, ILogger logger, string stream, Func<string> connectionId) : IObservable<T>
{
    /// <summary>Subscribes <paramref name="observer"/> to the source, wrapped so that its exceptions cut off only itself.</summary>
    /// <param name="observer">The user's observer.</param>
    /// <returns>Unsubscribes from the source.</returns>
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return source.Subscribe(new GuardedObserver<T>(observer, logger, stream, connectionId));
    }
}
