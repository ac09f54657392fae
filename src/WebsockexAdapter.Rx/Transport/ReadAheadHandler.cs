using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The HTTP handler one <see cref="ClientWebSocketTransport"/> opens its socket with: the settings
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> uses on its own (no pooling, no cookies, the options' proxy or the
/// default one), plus
/// a <see cref="ReadAheadStream"/> under the connection. It belongs to one transport and is disposed with it, and so is
/// the TCP socket it opened: an HTTP handler finishes a connection it started even when the request that wanted it
/// was cancelled (an attempt abandoned mid-handshake), and would keep that socket open in its pool.
/// </summary>
internal sealed class ReadAheadHandler : IDisposable
{
    /// <summary>
    /// How much one socket read may take: a busy feed then costs one system call per ~240 book notifications. The
    /// buffer is held only while data is waiting, never by an idle connection.
    /// </summary>
    public const int ReadAheadSize = 64 * 1024;

    private readonly CancellationTokenSource _disposed = new();
    private Socket? _socket;

    /// <param name="validate">The certificate check; <see langword="null"/> for the system's.</param>
    /// <param name="proxy">The proxy; <see langword="null"/> for <see cref="HttpClient.DefaultProxy"/>.</param>
    public ReadAheadHandler(RemoteCertificateValidationCallback? validate, IWebProxy? proxy)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            UseCookies = false,
            Proxy = proxy,
            ConnectCallback = ConnectAsync,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = validate;
        Invoker = new HttpMessageInvoker(handler);
    }

    /// <summary>What <see cref="System.Net.WebSockets.ClientWebSocket.ConnectAsync(Uri, HttpMessageInvoker?, CancellationToken)"/> sends through.</summary>
    public HttpMessageInvoker Invoker { get; }

    public void Dispose()
    {
        _disposed.Cancel();
        Invoker.Dispose();
        Interlocked.Exchange(ref _socket, null)?.Dispose();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            Volatile.Write(ref _socket, socket);
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            await socket.ConnectAsync(context.DnsEndPoint, connecting.Token).ConfigureAwait(false);
            return new ReadAheadStream(new NetworkStream(socket, ownsSocket: true), ReadAheadSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
