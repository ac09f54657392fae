using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Tests.Loopback;

/// <summary>Wraps a transport factory to count the client's sockets: how many were created, and how many are not yet released.</summary>
internal sealed class CountingTransportFactory(IWebSocketTransportFactory inner) : IWebSocketTransportFactory
{
    private readonly ChangeSignal _changes = new();
    private int _created;
    private int _live;
    private int _mostLive;

    public int Created => Volatile.Read(ref _created);

    /// <summary>Sockets created and not yet disposed.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>The most sockets that were ever alive at once.</summary>
    public int MostLive => Volatile.Read(ref _mostLive);

    public IWebSocketTransport Create(ClientOptions options)
    {
        Interlocked.Increment(ref _created);
        var live = Interlocked.Increment(ref _live);
        for (var most = Volatile.Read(ref _mostLive); live > most; most = Volatile.Read(ref _mostLive))
        {
            Interlocked.CompareExchange(ref _mostLive, live, most);
        }

        _changes.Notify();
        return new Counted(inner.Create(options), this);
    }

    public Task WaitUntilAsync(Func<CountingTransportFactory, bool> condition, TimeSpan timeout) =>
        _changes.WaitUntilAsync(() => condition(this), timeout);

    private void Released()
    {
        Interlocked.Decrement(ref _live);
        _changes.Notify();
    }

    private sealed class Counted(IWebSocketTransport socket, CountingTransportFactory owner) : IWebSocketTransport
    {
        private int _disposed;

        public bool HandlesKeepAlive => socket.HandlesKeepAlive;

        public string? SubProtocol => socket.SubProtocol;

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => socket.ConnectAsync(uri, cancellationToken);

        public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken) => socket.ReceiveAsync(cancellationToken);

        public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken) => socket.SendAsync(frame, cancellationToken);

        public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken) =>
            socket.CloseAsync(status, description, cancellationToken);

        public void Abort() => socket.Abort();

        public void Dispose()
        {
            socket.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Released();
            }
        }
    }
}
