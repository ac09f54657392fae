using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>A stream whose every subscriber is wrapped in a <see cref="GuardedObserver{T}"/>.</summary>
internal sealed class GuardedObservable<T>(IObservable<T> source, ILogger logger, string stream, Func<string> connectionId) : IObservable<T>
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return source.Subscribe(new GuardedObserver<T>(observer, logger, stream, connectionId));
    }
}
