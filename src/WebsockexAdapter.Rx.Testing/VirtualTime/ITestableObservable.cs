using System.Reactive;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>An observable that plays recorded messages and logs when it was subscribed to and disposed.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ITestableObservable<T> : IObservable<T>
{
    /// <summary>Every subscription, with its start and end in virtual time.</summary>
    IList<Subscription> Subscriptions { get; }

    /// <summary>The messages it plays.</summary>
    IList<Recorded<Notification<T>>> Messages { get; }
}
