using System.Reactive;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>An observer that records every notification with the virtual time it arrived at.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ITestableObserver<T> : IObserver<T>
{
    /// <summary>The notifications received, in order.</summary>
    IList<Recorded<Notification<T>>> Messages { get; }
}
