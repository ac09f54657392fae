using System.Collections.Concurrent;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>A reconnecting client, recording the text it received and the errors it saw.</summary>
internal sealed class RecordingClient : IDisposable
{
    private readonly IDisposable _frames;
    private readonly IDisposable _states;

    public RecordingClient(Uri uri, Func<ClientOptions, ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), UseJitter = false, CircuitBreaker = null },
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxMessageSize = 64 * 1024,
        };
        Client = new WebSocketClient(uri, configure?.Invoke(options) ?? options);
        // With an error handler: Rx rethrows an error nobody handles, from wherever the stream failed.
        _frames = Client.Frames.Subscribe(
            frame =>
            {
                Frames.Enqueue(frame.Kind == FrameKind.Text ? frame.Text : frame.ToString());
                Changes.Notify();
            },
            _ => Changes.Notify());
        _states = Client.States.Subscribe(state =>
        {
            if (state.Error is { } error && state.Status == ConnectionStatus.Reconnecting)
            {
                Errors.Enqueue(error);
            }

            States.Enqueue(state.Status);
            Changes.Notify();
        });
    }

    public WebSocketClient Client { get; }

    public Conditions Changes { get; } = new();

    public ConcurrentQueue<string> Frames { get; } = new();

    public ConcurrentQueue<Exception> Errors { get; } = new();

    public ConcurrentQueue<ConnectionStatus> States { get; } = new();

    public Task WaitForFrameAsync(string text, TimeSpan timeout) =>
        Changes.WaitAsync(() => Frames.Contains(text), timeout, $"the frame '{text}' (got: {string.Join(" | ", Frames)})");

    public Task WaitForErrorAsync(TimeSpan timeout) =>
        Changes.WaitAsync(() => !Errors.IsEmpty, timeout, $"an error (states: {string.Join(", ", States)})");

    public void Dispose()
    {
        _frames.Dispose();
        _states.Dispose();
        Client.Dispose();
    }
}
