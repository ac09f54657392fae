using System.Reactive.Linq;

namespace WebsockexAdapter.Rx;

/// <summary>
/// <c>Observable.Create</c> over an async body, with its failure always observed. Rx stops watching the body's task
/// when the subscriber leaves, so a body that fails afterwards (a connection that ends while the retry has already
/// moved on) would fault a task nobody observes and raise <see cref="TaskScheduler.UnobservedTaskException"/>. Here
/// the failure is handed to the observer instead, which ignores it once the subscriber has gone.
/// </summary>
public static class ObservableAsync
{
    /// <summary>
    /// An observable that runs <paramref name="body"/> for each subscriber; leaving cancels the token, and an exception
    /// from the body, even one thrown after the subscriber left, goes to the observer (ignored once it has left).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="body">Produces the elements for one subscriber; it ends the sequence itself (OnCompleted/OnError) or by throwing.</param>
    public static IObservable<T> Create<T>(Func<IObserver<T>, CancellationToken, Task> body) =>
        Observable.Create<T>((observer, cancellation) => RunAsync(observer, body, cancellation));

    private static async Task RunAsync<T>(IObserver<T> observer, Func<IObserver<T>, CancellationToken, Task> body, CancellationToken cancellation)
    {
        try
        {
            await body(observer, cancellation).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Not swallowed: the observer receives it, exactly as Rx would have delivered it.
        catch (Exception error)
#pragma warning restore CA1031
        {
            observer.OnError(error);
        }
    }
}
