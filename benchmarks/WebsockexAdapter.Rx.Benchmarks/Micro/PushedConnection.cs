using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// An <see cref="IConnection"/> whose frames the fan-out benchmark pushes itself, so that only the sharing behind
/// <see cref="WebSocketClient.Frames"/> is measured. It receives only; sending is not part of what it measures.
/// </summary>
internal sealed class PushedConnection(IObservable<Frame> frames) : IConnection
{
    public string Id => "bench-1";

    public Uri Uri { get; } = new("ws://127.0.0.1/");

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UnixEpoch;

    public string? SubProtocol => null;

    public bool IsOpen => true;

    public IObservable<Frame> Frames => frames;

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default) =>
        ValueTask.FromException(new NotSupportedException("The fan-out benchmark's connection only receives."));

    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        ValueTask.FromException(new NotSupportedException("The fan-out benchmark's connection only receives."));

    public Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null) => Task.CompletedTask;

    public void Abort(Exception reason)
    {
    }
}
