namespace WebsockexAdapter.Rx;

/// <summary><see cref="IConnection.SubscribeViews"/> with callbacks instead of an <see cref="IFrameViewObserver"/>.</summary>
public static class FrameViewExtensions
{
    /// <summary>
    /// Lends <paramref name="onNext"/> each message the connection receives, for the length of the call (see
    /// <see cref="IConnection.SubscribeViews"/>), then calls <paramref name="onError"/> or <paramref name="onCompleted"/>
    /// when the connection ends.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="onNext">Reads one message; its payload is valid only until it returns.</param>
    /// <param name="onError">The connection ended with an error.</param>
    /// <param name="onCompleted">The connection ended normally.</param>
    /// <returns>Disposing stops the calls.</returns>
    public static IDisposable SubscribeViews(this IConnection connection, Action<FrameView> onNext, Action<Exception> onError, Action onCompleted)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(onNext);
        ArgumentNullException.ThrowIfNull(onError);
        ArgumentNullException.ThrowIfNull(onCompleted);
        return connection.SubscribeViews(new CallbackObserver(onNext, onError, onCompleted));
    }

    private sealed class CallbackObserver(Action<FrameView> onNext, Action<Exception> onError, Action onCompleted) : IFrameViewObserver
    {
        public void OnNext(FrameView frame) => onNext(frame);

        public void OnError(Exception reason) => onError(reason);

        public void OnCompleted() => onCompleted();
    }
}
