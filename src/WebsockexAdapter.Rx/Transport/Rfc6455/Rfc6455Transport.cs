using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx;

/// <summary>
/// <see cref="IWebSocketTransport"/> written from RFC 6455 over a <see cref="Socket"/> (and an <see cref="System.Net.Security.SslStream"/>
/// for wss://): the upgrade by hand (<see cref="UpgradeRequest"/>, <see cref="UpgradeResponse"/>), frames read out of
/// one large buffer (<see cref="FrameReader"/>) and written masked (<see cref="FrameWriter"/>). It never answers a
/// ping or keeps the connection alive on its own (<see cref="HandlesKeepAlive"/> is false): the connection does both
/// on the client's scheduler, and surfaces the server's pings. A message is lent out of the receive buffer
/// (<see cref="ReceiveLentAsync"/>) and copied only for a caller that wants an owned <see cref="Frame"/>. A frame the protocol forbids is answered with a close
/// frame (1002, 1007 for text that is not UTF-8, 1009 for a message over the limit) and ends the receive with
/// <see cref="ProtocolViolationException"/> or <see cref="MessageTooLargeException"/>.
/// </summary>
internal sealed class Rfc6455Transport(ClientOptions options) : ILendingTransport
{
    /// <summary>
    /// The least one socket read may take (<see cref="ClientOptions.ReceiveBufferSize"/> when larger): a busy feed
    /// then costs one system call per ~240 book notifications. An idle connection holds no buffer.
    /// </summary>
    public const int MinReadSize = 64 * 1024;

    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private Stream? _stream;
    private ReceiveBuffer? _buffer;
    private FrameReader? _reader;
    private FrameWriter? _writer;

    public bool HandlesKeepAlive => false;

    public string? SubProtocol { get; private set; }

    /// <summary>A close frame sent after a refused frame that had not finished when the receive failed; it never faults.</summary>
    internal Task? RefusalClose { get; private set; }

    /// <summary>
    /// TCP to the server, or to the proxy <see cref="ProxySelection"/> chooses and through its tunnel; TLS for wss://;
    /// then the upgrade. Every step is under <paramref name="cancellationToken"/>, the attempt's timeout.
    /// </summary>
    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var request = UpgradeRequest.Create(uri, options.RequestHeaders, options.SubProtocols);
        var proxy = options.Proxy ?? HttpClient.DefaultProxy;
        var proxyAddress = ProxySelection.For(uri, proxy);
        Stream stream;
        try
        {
            stream = _stream = await NetworkConnector.ConnectAsync(_socket, proxyAddress ?? uri, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException error) when (proxyAddress is not null)
        {
            throw ConnectFailedException.ToProxy(proxyAddress, error);
        }

        var buffer = _buffer = NewBuffer(stream);
        if (proxyAddress is not null)
        {
            await ProxyTunnel.OpenAsync(stream, buffer, uri, proxyAddress, proxy.Credentials, cancellationToken).ConfigureAwait(false);
        }

        if (uri.Scheme == "wss")
        {
            // The client speaks first in TLS: a byte before its hello cannot be the server's, and TLS reads the stream itself.
            if (buffer.Length > 0)
            {
                throw new ProtocolViolationException("the proxy sent data before the TLS handshake began");
            }

            buffer.Dispose();
            stream = _stream = await NetworkConnector.SecureAsync(stream, uri, options.RemoteCertificateValidation, cancellationToken).ConfigureAwait(false);
            buffer = _buffer = NewBuffer(stream);
        }

        await UpgradeAsync(stream, buffer, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The opening handshake over a stream that is already open (an in-memory one in tests); the transport owns the
    /// stream from here on.
    /// </summary>
    internal Task UpgradeAsync(Stream stream, UpgradeRequest request, CancellationToken cancellationToken)
    {
        _stream = stream;
        _buffer = NewBuffer(stream);
        return UpgradeAsync(stream, _buffer, request, cancellationToken);
    }

    private ReceiveBuffer NewBuffer(Stream stream) => new(stream, Math.Max(options.ReceiveBufferSize, MinReadSize));

    /// <summary>Sends the upgrade and reads the answer from <paramref name="buffer"/>, which may hold its first bytes already.</summary>
    private async Task UpgradeAsync(Stream stream, ReceiveBuffer buffer, UpgradeRequest request, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(request.Bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        SubProtocol = await UpgradeResponse.ReadAsync(buffer, request, cancellationToken).ConfigureAwait(false);
        _writer = new FrameWriter(stream);
        _reader = new FrameReader(buffer, options.MaxMessageSize);
    }

    /// <summary>The next message, copied out of the receive buffer into a frame of its own.</summary>
    public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var receive = ReceiveLentAsync(cancellationToken);
        return receive.IsCompletedSuccessfully ? new ValueTask<Frame>(receive.Result.ToFrame()) : CopyWhenReceivedAsync(receive);
    }

    /// <summary>
    /// The next message, lent until the next receive. When the buffer already holds it, which on a busy feed is nearly
    /// always, it is returned without an await.
    /// </summary>
    public ValueTask<ReceivedMessage> ReceiveLentAsync(CancellationToken cancellationToken)
    {
        var reader = _reader ?? throw new InvalidOperationException("The transport is not connected.");
        ReceivedMessage message;
        bool buffered;
        try
        {
            buffered = reader.TryReadBuffered(out message);
        }
        catch (WebSocketClientException error) when (error is ProtocolViolationException or MessageTooLargeException)
        {
            return ValueTask.FromException<ReceivedMessage>(Refuse(error));
        }

        return buffered && message.Kind != FrameKind.Close ? new ValueTask<ReceivedMessage>(message) : ReceiveSlowlyAsync(buffered ? message : null, cancellationToken);
    }

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var writer = _writer ?? throw new InvalidOperationException("The transport is not connected.");
        var opcode = frame.Kind switch
        {
            FrameKind.Text => Opcode.Text,
            FrameKind.Binary => Opcode.Binary,
            FrameKind.Ping => Opcode.Ping,
            FrameKind.Pong => Opcode.Pong,
            _ => throw new ArgumentException("A close frame is sent with CloseAsync.", nameof(frame)),
        };
        if (opcode is Opcode.Ping or Opcode.Pong && frame.Payload.Length > FrameRules.MaxControlPayload)
        {
            throw new ArgumentException($"A {frame.Kind} carries at most {FrameRules.MaxControlPayload} bytes.", nameof(frame));
        }

        return writer.SendAsync(opcode, frame.Payload, cancellationToken);
    }

    /// <summary>Sends the close frame (once); the receive loop then sees the server's answer.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        if (_writer is { } writer)
        {
            await writer.SendCloseAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the socket under the stream, so that a pending read or write fails at once.</summary>
    public void Abort() => _socket.Dispose();

    public void Dispose()
    {
        _socket.Dispose();
        _stream?.Dispose();
        _reader?.Dispose();
        _buffer?.Dispose();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Frame> CopyWhenReceivedAsync(ValueTask<ReceivedMessage> receive) =>
        (await receive.ConfigureAwait(false)).ToFrame();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReceivedMessage> ReceiveSlowlyAsync(ReceivedMessage? buffered, CancellationToken cancellationToken)
    {
        ReceivedMessage message;
        try
        {
            message = buffered ?? await _reader!.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketClientException error) when (error is ProtocolViolationException or MessageTooLargeException)
        {
            throw Refuse(error);
        }

        if (message.Frame is { Kind: FrameKind.Close } close && !_writer!.CloseSent)
        {
            // The server started the closing handshake: answer with its status, as RFC 6455 asks.
            await SendCloseQuietlyAsync(close.CloseStatus ?? WebSocketCloseStatus.Empty, close.CloseDescription, cancellationToken).ConfigureAwait(false);
        }

        return message;
    }

    /// <summary>Tells the server why its frame was refused, without waiting on a server that may not be reading.</summary>
    private Exception Refuse(Exception error)
    {
        var close = SendCloseQuietlyAsync(_reader!.FailureStatus, null, CancellationToken.None);
        if (!close.IsCompleted)
        {
            RefusalClose = close;
        }

        return error;
    }

    private async Task SendCloseQuietlyAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        try
        {
            await _writer!.SendCloseAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The close frame is a courtesy to a server that may be gone; the connection ends either way.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
