using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// Wraps the real <see cref="ClientWebSocketTransportFactory"/>: counts the sockets alive on the client's side (created
/// and not yet disposed) and the most ever alive at once, and shows every frame to <see cref="WireSecrets"/> and to the
/// socket's <see cref="Tap"/>.
/// </summary>
internal sealed class RecordingTransportFactory(WireSecrets? secrets = null, IWebSocketTransportFactory? inner = null) : IWebSocketTransportFactory
{
    private readonly IWebSocketTransportFactory _inner = inner ?? ClientWebSocketTransportFactory.Instance;
    private int _alive;
    private int _maxAlive;
    private int _created;

    public int Alive => Volatile.Read(ref _alive);

    public int MaxAlive => Volatile.Read(ref _maxAlive);

    public int Created => Volatile.Read(ref _created);

    /// <summary>Called once per socket made (with its number, 1 for the first): what it returns sees every frame, with true for a sent one.</summary>
    public Func<int, Action<Frame, bool>>? Tap { get; init; }

    /// <summary>Re-checked whenever a socket is created or released.</summary>
    public Conditions Changes { get; } = new();

    /// <summary>Completes once every socket made has been released (a close this side starts finishes in the background).</summary>
    public Task WaitForReleasedAsync(TimeSpan timeout) =>
        Changes.WaitAsync(() => Alive == 0, timeout, $"every client socket to be released ({Alive} alive)");

    public IWebSocketTransport Create(ClientOptions options)
    {
        var alive = Interlocked.Increment(ref _alive);
        var number = Interlocked.Increment(ref _created);
        int max;
        while (alive > (max = Volatile.Read(ref _maxAlive)) && Interlocked.CompareExchange(ref _maxAlive, alive, max) != max)
        {
        }

        Changes.Notify();
        return new Recording(_inner.Create(options), this, Tap?.Invoke(number));
    }

    private void Released()
    {
        Interlocked.Decrement(ref _alive);
        Changes.Notify();
    }

    private sealed class Recording(IWebSocketTransport inner, RecordingTransportFactory owner, Action<Frame, bool>? tap) : IWebSocketTransport
    {
        private int _disposed;

        public bool HandlesKeepAlive => inner.HandlesKeepAlive;

        public string? SubProtocol => inner.SubProtocol;

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => inner.ConnectAsync(uri, cancellationToken);

        public async ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
        {
            var frame = await inner.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            owner.Secrets?.Inspect(frame);
            tap?.Invoke(frame, false);
            return frame;
        }

        public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
        {
            owner.Secrets?.Inspect(frame);
            tap?.Invoke(frame, true);
            return inner.SendAsync(frame, cancellationToken);
        }

        public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken) =>
            inner.CloseAsync(status, description, cancellationToken);

        public void Abort() => inner.Abort();

        public void Dispose()
        {
            inner.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Released();
            }
        }
    }

    private WireSecrets? Secrets => secrets;
}
