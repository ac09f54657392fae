using System.Net;
using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// What every transport built on <see cref="ClientWebSocket"/> does the same way: apply the options to a new socket,
/// turn a refused upgrade into <see cref="HandshakeRejectedException"/>, and recognise the socket's keep-alive timeout.
/// The Websocket.Client transport compiles this file too (it is shared source, so the two packages need no internals
/// of each other).
/// </summary>
internal static class ClientWebSocketSetup
{
    /// <summary>Creates an unconnected socket with the headers, sub-protocols, keep-alive, certificate check and proxy of <paramref name="options"/>.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="socketHandlesConnection">
    /// <see langword="false"/> when the socket connects through a handler of the caller's, which must then carry the
    /// certificate check and the proxy (the socket refuses them in its own options).
    /// </param>
    public static ClientWebSocket Create(ClientOptions options, bool socketHandlesConnection = true)
    {
        var socket = new ClientWebSocket();
        var socketOptions = socket.Options;
        socketOptions.CollectHttpResponseDetails = true;
        foreach (var (name, value) in options.RequestHeaders)
        {
            socketOptions.SetRequestHeader(name, value);
        }

        foreach (var protocol in options.SubProtocols)
        {
            socketOptions.AddSubProtocol(protocol);
        }

        if (options.KeepAlive.IsEnabled)
        {
            // With a timeout set, the socket sends real pings and aborts when no pong follows in time.
            socketOptions.KeepAliveInterval = options.KeepAlive.Interval;
            socketOptions.KeepAliveTimeout = options.KeepAlive.PongTimeout;
        }
        else
        {
            socketOptions.KeepAliveInterval = TimeSpan.Zero;
        }

        if (socketHandlesConnection && options.RemoteCertificateValidation is { } validate)
        {
            socketOptions.RemoteCertificateValidationCallback = validate;
        }

        // Left alone, the socket's proxy is HttpClient.DefaultProxy, which is what a null option means.
        if (socketHandlesConnection && options.Proxy is { } proxy)
        {
            socketOptions.Proxy = proxy;
        }

        return socket;
    }

    /// <summary>Performs the opening handshake; an HTTP answer other than 101 becomes <see cref="HandshakeRejectedException"/>.</summary>
    /// <param name="socket">The unconnected socket.</param>
    /// <param name="uri">The ws:// or wss:// address.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <param name="invoker">The HTTP handler to connect through; <see langword="null"/> for the socket's own.</param>
    public static async Task ConnectAsync(ClientWebSocket socket, Uri uri, CancellationToken cancellationToken, HttpMessageInvoker? invoker = null)
    {
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException error) when (socket.HttpStatusCode is not (0 or HttpStatusCode.SwitchingProtocols))
        {
            throw new HandshakeRejectedException(socket.HttpStatusCode, error);
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> is the socket giving up on a pong (its KeepAliveTimeout passed). The socket
    /// reports it as a <see cref="WebSocketException"/> buried in the error of the receive it aborted, so the whole
    /// chain is searched; the message is the only mark it carries.
    /// </summary>
    public static bool IsKeepAliveTimeout(Exception error) => error switch
    {
        WebSocketException socketError when socketError.InnerException is TimeoutException
            || socketError.Message.Contains("KeepAlive", StringComparison.OrdinalIgnoreCase) => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsKeepAliveTimeout),
        _ => error.InnerException is { } inner && IsKeepAliveTimeout(inner),
    };
}
