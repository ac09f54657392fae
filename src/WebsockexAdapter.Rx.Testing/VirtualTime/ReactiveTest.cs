using System.Reactive;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>
/// The factory methods tests use to describe expected messages and subscriptions, with the names and default times
/// of Microsoft.Reactive.Testing (derive a test class from it, or use <c>using static</c>).
/// </summary>
#pragma warning disable CA1052 // Kept non-static, as in Microsoft.Reactive.Testing, so test classes can derive from it.
public class ReactiveTest
#pragma warning restore CA1052
{
    /// <summary>The default virtual time <see cref="TestScheduler.Start{T}(Func{IObservable{T}})"/> creates the observable at.</summary>
    public const long Created = 100;

    /// <summary>The default virtual time it subscribes at.</summary>
    public const long Subscribed = 200;

    /// <summary>The default virtual time it disposes the subscription at.</summary>
    public const long Disposed = 1000;

    /// <summary>An OnNext of <paramref name="value"/> at <paramref name="ticks"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="ticks">The virtual time.</param>
    /// <param name="value">The element.</param>
    public static Recorded<Notification<T>> OnNext<T>(long ticks, T value) => new(ticks, Notification.CreateOnNext(value));

    /// <summary>An OnCompleted at <paramref name="ticks"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="ticks">The virtual time.</param>
    public static Recorded<Notification<T>> OnCompleted<T>(long ticks) => new(ticks, Notification.CreateOnCompleted<T>());

    /// <summary>An OnError of <paramref name="error"/> at <paramref name="ticks"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="ticks">The virtual time.</param>
    /// <param name="error">The error.</param>
    public static Recorded<Notification<T>> OnError<T>(long ticks, Exception error) => new(ticks, Notification.CreateOnError<T>(error));

    /// <summary>A subscription from <paramref name="start"/> to <paramref name="end"/>.</summary>
    /// <param name="start">The virtual time of the subscription.</param>
    /// <param name="end">The virtual time of the disposal.</param>
    public static Subscription Subscribe(long start, long end) => new(start, end);

    /// <summary>A subscription from <paramref name="start"/> that was never disposed.</summary>
    /// <param name="start">The virtual time of the subscription.</param>
    public static Subscription Subscribe(long start) => new(start);
}
