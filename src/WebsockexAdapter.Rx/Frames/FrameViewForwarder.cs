namespace WebsockexAdapter.Rx;

/// <summary>
/// Hands each frame of an <see cref="IObserver{T}"/> subscription on as a view: how
/// <see cref="IConnection.SubscribeViews"/> works over a connection that only has <see cref="IConnection.Frames"/>.
/// </summary>
internal sealed class FrameViewForwarder(IFrameViewObserver observer) : IObserver<Frame>
{
    public void OnNext(Frame value) => observer.OnNext(new FrameView(value));

    public void OnError(Exception error) => observer.OnError(error);

    public void OnCompleted() => observer.OnCompleted();
}
