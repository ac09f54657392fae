using System.Net.Security;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The HTTP handler <see cref="ClientWebSocketTransport"/> opens its sockets with: the settings
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> uses on its own (no pooling, no cookies, the system proxy), plus
/// a <see cref="ReadAheadStream"/> under the connection. Clients with the system's certificate validation share one
/// handler, as <see cref="System.Net.WebSockets.ClientWebSocket"/>'s own default does.
/// </summary>
internal static class ReadAheadInvoker
{
    /// <summary>
    /// How much one socket read may take: a busy feed then costs one system call per ~240 book notifications. The
    /// buffer is held only while data is waiting, never by an idle connection.
    /// </summary>
    public const int ReadAheadSize = 64 * 1024;

    private static HttpMessageInvoker? s_shared;

    /// <summary>The handler for <paramref name="options"/>; <paramref name="owned"/> says whether the caller must dispose it.</summary>
    public static HttpMessageInvoker For(ClientOptions options, out bool owned)
    {
        owned = options.RemoteCertificateValidation is not null;
        return owned
            ? Create(options.RemoteCertificateValidation)
            : LazyInitializer.EnsureInitialized(ref s_shared, static () => Create(null));
    }

    private static HttpMessageInvoker Create(RemoteCertificateValidationCallback? validate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                    return new ReadAheadStream(new NetworkStream(socket, ownsSocket: true), ReadAheadSize);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = validate;
        return new HttpMessageInvoker(handler);
    }
}
