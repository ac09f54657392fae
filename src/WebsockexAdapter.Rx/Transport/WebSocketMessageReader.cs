using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The receive path over any <see cref="WebSocket"/>: reads whole messages into frames. A message that fits the pooled
/// receive buffer in one read costs one array of its size; larger or fragmented messages are assembled in a second
/// pooled buffer first. Kept apart from <see cref="ClientWebSocketTransport"/> so it can be measured over an in-memory
/// stream (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>).
/// </summary>
internal sealed class WebSocketMessageReader : IDisposable
{
    private readonly WebSocket _socket;
    private readonly MessageAssembler _assembler;
    private readonly TimeSpan _pongTimeout;
    private readonly int _maxMessageSize;
    private byte[]? _buffer;
    private int _receiving;
    private int _aborted;

    /// <param name="socket">The socket to read; the caller owns it.</param>
    /// <param name="bufferSize">The size of the pooled buffer each read lands in.</param>
    /// <param name="maxMessageSize">The largest message accepted.</param>
    /// <param name="pongTimeout">Reported when the socket's own keep-alive gives up.</param>
    public WebSocketMessageReader(WebSocket socket, int bufferSize, int maxMessageSize, TimeSpan pongTimeout)
    {
        _socket = socket;
        _pongTimeout = pongTimeout;
        _maxMessageSize = maxMessageSize;
        _assembler = new MessageAssembler(maxMessageSize);
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>
    /// Receives the next whole message. A close from the peer is acknowledged (echoing its status) and returned as a
    /// <see cref="FrameKind.Close"/> frame. On a quiet feed every call suspends, so its state is pooled rather than
    /// allocated per message.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(WebSocketMessageReader));
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

    /// <summary>This side is tearing the socket down: the receive that fails next is not the peer's fault.</summary>
    public void Aborting() => Volatile.Write(ref _aborted, 1);

    /// <summary>Returns the pooled buffers. Call after the socket is disposed, so no read is still landing in them.</summary>
    public void Dispose()
    {
        _assembler.Dispose();

        // A receive still in flight may write into the buffer; then the garbage collector gets it instead of the pool.
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && Volatile.Read(ref _receiving) == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A managed WebSocket reports a frame it rejects as <see cref="WebSocketError.Faulted"/> (or a header or message
    /// type error) with no I/O error underneath; a network failure always carries the socket's <see cref="IOException"/>.
    /// </summary>
    private bool IsProtocolViolation(WebSocketException error) =>
        error.WebSocketErrorCode is WebSocketError.Faulted or WebSocketError.HeaderError or WebSocketError.InvalidMessageType
        && error.InnerException is not (IOException or System.Net.Sockets.SocketException)
        && Volatile.Read(ref _aborted) == 0;

    private static string ProtocolViolationDetail(WebSocketException error) =>
        error.Message.Contains("Aborted state", StringComparison.Ordinal)
            // The socket hides the reason for a bad close code or invalid UTF-8 behind this generic text.
            ? "a frame the socket rejected (a text frame that is not UTF-8, or a close frame with an invalid code)"
            : error.Message;

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
}
