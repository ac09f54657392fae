namespace WebsockexAdapter.Rx;

/// <summary>
/// Receives a connection's messages as <see cref="FrameView"/>s, lent for the length of each call
/// (<see cref="IConnection.SubscribeViews"/>): the lower-level twin of an <see cref="IObserver{T}"/> of
/// <see cref="Frame"/>, for consumers that decode each message at once and keep nothing of its bytes.
/// The calls come from the connection's receive loop, one at a time and in arrival order, as
/// <see cref="IConnection.Frames"/>' do: return quickly and do not block.
/// </summary>
public interface IFrameViewObserver
{
    /// <summary>One message; its payload is valid only until this call returns.</summary>
    /// <param name="frame">The message.</param>
    void OnNext(FrameView frame);

    /// <summary>The connection ended with an error (the same error <see cref="IConnection.Frames"/> ends with).</summary>
    /// <param name="reason">Why it ended.</param>
    void OnError(Exception reason);

    /// <summary>The connection ended normally (when <see cref="IConnection.Frames"/> completes).</summary>
    void OnCompleted();
}
