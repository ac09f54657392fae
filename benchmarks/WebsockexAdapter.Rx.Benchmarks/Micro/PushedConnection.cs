using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// An <see cref="IConnection"/> whose frames the fan-out benchmark pushes itself, so that only the sharing behind
/// <see cref="WebSocketClient.Frames"/> (or a JSON-RPC session over it) is measured. A send completes at once and is
/// kept as <see cref="LastSent"/>, for a benchmark that answers requests.
/// </summary>
internal sealed class PushedConnection(IObservable<Frame> frames) : IConnection
{
    /// <summary>The last frame sent.</summary>
    public Frame? LastSent { get; private set; }

    public string Id => "bench-1";

    public Uri Uri { get; } = new("ws://127.0.0.1/");

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UnixEpoch;

    public string? SubProtocol => null;

    public bool IsOpen => true;

    public IObservable<Frame> Frames => frames;

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default)
    {
        LastSent = frame;
        return ValueTask.CompletedTask;
    }

    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) => SendAsync(Frame.FromText(text), cancellationToken);

    public Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null) => Task.CompletedTask;

    public void Abort(Exception reason)
    {
    }
}
