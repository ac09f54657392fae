using System.Reactive.Linq;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The frames of whichever connection is newest: what <see cref="WebSocketClient.Frames"/> shares. A connection's
/// error ends only its own frames; the connection stream is where failures are reported and retried.
/// </summary>
internal static class CurrentFrames
{
    public static IObservable<Frame> Of(IObservable<IConnection> connections) =>
        connections.Select(static connection => connection.Frames.Catch(Observable.Empty<Frame>())).Switch();
}
