using System.Buffers;
using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// <see cref="IWebSocketTransport"/> over <see cref="ClientWebSocket"/>. The socket answers pings and enforces the
/// keep-alive pong timeout itself, so <see cref="HandlesKeepAlive"/> is true; it never hands control frames to its
/// caller, so a server's ping is answered but does not appear on <c>Frames</c>.
/// A message that fits the pooled receive buffer in one read costs one array of its size; larger or fragmented
/// messages are assembled in a second pooled buffer first.
/// </summary>
internal sealed class ClientWebSocketTransport : IWebSocketTransport
{
    private readonly ClientWebSocket _socket;
    private readonly MessageAssembler _assembler;
    private readonly int _maxMessageSize;
    private readonly TimeSpan _pongTimeout;
    private byte[]? _receiveBuffer;
    private int _receiving;
    private int _aborted;

    public ClientWebSocketTransport(ClientOptions options)
    {
        _socket = ClientWebSocketSetup.Create(options);
        _pongTimeout = options.KeepAlive.PongTimeout;
        _maxMessageSize = options.MaxMessageSize;
        _assembler = new MessageAssembler(options.MaxMessageSize);
        _receiveBuffer = ArrayPool<byte>.Shared.Rent(options.ReceiveBufferSize);
    }

    public bool HandlesKeepAlive => true;

    public string? SubProtocol => _socket.SubProtocol;

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) =>
        ClientWebSocketSetup.ConnectAsync(_socket, uri, cancellationToken);

    public async ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = _receiveBuffer ?? throw new ObjectDisposedException(nameof(ClientWebSocketTransport));
        Interlocked.Exchange(ref _receiving, 1);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return await AcknowledgeCloseAsync().ConfigureAwait(false);
                }

                if (result.EndOfMessage && _assembler.Length == 0 && result.Count <= _maxMessageSize)
                {
                    // The common case: the whole message arrived in one read.
                    return ToFrame(result.MessageType, buffer.AsSpan(0, result.Count).ToArray());
                }

                _assembler.Append(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    return ToFrame(result.MessageType, _assembler.Take());
                }
            }
        }
        catch (Exception error) when (ClientWebSocketSetup.IsKeepAliveTimeout(error))
        {
            throw new KeepAliveTimeoutException(_pongTimeout, error);
        }
        catch (WebSocketException error) when (IsProtocolViolation(error))
        {
            // Policy for bad frames: docs/hostile-input.md. The socket has already sent its 1002/1007 close.
            throw new ProtocolViolationException(ProtocolViolationDetail(error), error);
        }
        finally
        {
            Interlocked.Exchange(ref _receiving, 0);
        }
    }

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Kind switch
        {
            FrameKind.Text => _socket.SendAsync(frame.Payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken),
            FrameKind.Binary => _socket.SendAsync(frame.Payload, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken),
            _ => throw new NotSupportedException($"ClientWebSocket sends its own {frame.Kind} frames; it cannot send them on request."),
        };
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Abort()
    {
        // A socket this side aborted fails its receive with the same error a protocol violation raises.
        Volatile.Write(ref _aborted, 1);
        _socket.Abort();
    }

    public void Dispose()
    {
        _socket.Dispose();
        _assembler.Dispose();

        // A receive still in flight may write into the buffer; then the garbage collector gets it instead of the pool.
        var buffer = Interlocked.Exchange(ref _receiveBuffer, null);
        if (buffer is not null && Volatile.Read(ref _receiving) == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Frame ToFrame(WebSocketMessageType type, byte[] payload) =>
        type == WebSocketMessageType.Text ? Frame.FromUtf8(payload) : Frame.FromBinary(payload);

    private async ValueTask<Frame> AcknowledgeCloseAsync()
    {
        var status = _socket.CloseStatus ?? WebSocketCloseStatus.Empty;
        var description = _socket.CloseStatusDescription;
        if (_socket.State == WebSocketState.CloseReceived)
        {
            try
            {
                // Complete the closing handshake the server started, echoing its status as RFC 6455 asks.
                var echo = status == WebSocketCloseStatus.Empty ? WebSocketCloseStatus.NormalClosure : status;
                await _socket.CloseOutputAsync(echo, description, CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // The server may already have gone; its close frame is what matters.
            }
        }

        return Frame.Close(status, description);
    }

    /// <summary>
    /// ClientWebSocket reports a frame it rejects as <see cref="WebSocketError.Faulted"/> with no I/O error underneath; a
    /// network failure always carries the socket's <see cref="IOException"/>.
    /// </summary>
    private bool IsProtocolViolation(WebSocketException error) =>
        error.WebSocketErrorCode is WebSocketError.Faulted or WebSocketError.HeaderError or WebSocketError.InvalidMessageType
        && error.InnerException is not (IOException or System.Net.Sockets.SocketException)
        && !ClientWebSocketSetup.IsKeepAliveTimeout(error)
        && Volatile.Read(ref _aborted) == 0;

    private static string ProtocolViolationDetail(WebSocketException error) =>
        error.Message.Contains("Aborted state", StringComparison.Ordinal)
            // The socket hides the reason for a bad close code or invalid UTF-8 behind this generic text.
            ? "a frame the socket rejected (a text frame that is not UTF-8, or a close frame with an invalid code)"
            : error.Message;
}
