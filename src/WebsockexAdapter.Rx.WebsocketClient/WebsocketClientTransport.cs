using System.Net.WebSockets;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Websocket.Client;
using Websocket.Client.Exceptions;
using WsClient = Websocket.Client.WebsocketClient;

namespace WebsockexAdapter.Rx.WebsocketClient;

/// <summary>
/// One connection through one Websocket.Client instance, started once and never reconnected by it. Websocket.Client
/// pushes messages from its own listen loop; they wait in an inbox until the connection's receive loop takes them,
/// so none is lost between the handshake and the loop's start. Its disconnection becomes the end of the inbox: a close
/// frame when the server or this side closed, a typed error otherwise.
/// </summary>
internal sealed class WebsocketClientTransport(ClientOptions options) : IWebSocketTransport
{
    private readonly Channel<Frame> _inbox = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true });
    private WsClient? _client;
    private ClientWebSocket? _socket;
    private IDisposable? _messages;
    private IDisposable? _disconnections;
    private Exception? _failure;
    private int _ended;
    private volatile bool _connected;
    private WebSocketCloseStatus _localCloseStatus = WebSocketCloseStatus.NormalClosure;

    public bool HandlesKeepAlive => true;

    public string? SubProtocol => _socket?.SubProtocol;

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        // No logger: Websocket.Client logs message contents at trace level, and those may hold credentials.
        var client = new WsClient(uri, logger: null, (address, token) => OpenAsync(address, token, cancellationToken))
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,

            // The attempt's own cancellation (ClientOptions.ConnectTimeout, on the client's scheduler) is the only limit.
            ConnectTimeout = Timeout.InfiniteTimeSpan,
        };
        _client = client;
        _messages = client.MessageReceived.Subscribe(OnMessage);
        _disconnections = client.DisconnectionHappened.Subscribe(OnDisconnected);
        try
        {
            await client.StartOrFail().ConfigureAwait(false);
        }
        catch (WebsocketException error) when (error.InnerException is { } cause)
        {
            // The handshake's own error (a refused upgrade, a cancellation) says more than the wrapper.
            ExceptionDispatchInfo.Throw(cause);
        }

        // Start arms a one-second "no message" timer even with reconnection off; setting the flag on a started client disarms it.
        client.IsReconnectionEnabled = false;
    }

    public async ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (await _inbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_inbox.Reader.TryRead(out var frame))
            {
                return frame;
            }
        }

        throw Volatile.Read(ref _failure) ?? new ConnectionLostException("The connection ended.");
    }

    public async ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var client = _client;

        // Websocket.Client drops a message silently when its socket is not open; refuse it here instead.
        if (client is null || !client.IsRunning || _socket?.State != WebSocketState.Open || Volatile.Read(ref _ended) != 0)
        {
            throw new WebSocketException(WebSocketError.InvalidState, "The socket is not open.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        switch (frame.Kind)
        {
            case FrameKind.Text:
                await client.SendInstant(frame.Text).ConfigureAwait(false);
                break;
            case FrameKind.Binary:
                await client.SendInstant(WholeArray(frame.Payload)).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"The socket under Websocket.Client sends its own {frame.Kind} frames; it cannot send them on request.");
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client is null || !client.IsRunning)
        {
            return;
        }

        _localCloseStatus = status;

        // StopOrFail takes no token: cancelling aborts the socket, which ends the wait for the server's close frame.
        using var abort = cancellationToken.Register(static transport => ((WebsocketClientTransport)transport!).Abort(), this);
        await client.StopOrFail(status, description ?? string.Empty).ConfigureAwait(false);
    }

    public void Abort()
    {
        Fail(new OperationCanceledException("The socket was aborted."));
        _socket?.Abort();
    }

    public void Dispose()
    {
        _messages?.Dispose();
        _disconnections?.Dispose();
        Fail(new ObjectDisposedException(nameof(WebsocketClientTransport)));
        _client?.Dispose();
        _socket?.Dispose();
    }

    private async Task<WebSocket> OpenAsync(Uri uri, CancellationToken libraryToken, CancellationToken attemptToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(libraryToken, attemptToken);
        var socket = ClientWebSocketSetup.Create(options);
        _socket = socket;
        await ClientWebSocketSetup.ConnectAsync(socket, uri, either.Token).ConfigureAwait(false);
        _connected = true;
        return new SizeLimitedWebSocket(socket, options.MaxMessageSize);
    }

    private void OnMessage(ResponseMessage message)
    {
        var frame = message.MessageType == WebSocketMessageType.Text
            ? Frame.FromText(message.Text ?? string.Empty)
            : Frame.FromBinary(message.Binary ?? []);
        _inbox.Writer.TryWrite(frame);
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        if (!_connected)
        {
            // A failed handshake reaches the caller through StartOrFail.
            return;
        }

        switch (info.Type)
        {
            case DisconnectionType.ByServer:
                End(Frame.Close(info.CloseStatus ?? WebSocketCloseStatus.Empty, info.CloseStatusDescription));
                break;
            case DisconnectionType.ByUser:
                End(Frame.Close(_localCloseStatus));
                break;
            default:
                Fail(Translate(info));
                break;
        }
    }

    private Exception Translate(DisconnectionInfo info) => info.Exception switch
    {
        MessageTooLargeException tooLarge => tooLarge,
        { } error when ClientWebSocketSetup.IsKeepAliveTimeout(error) => new KeepAliveTimeoutException(options.KeepAlive.PongTimeout, error),
        { } error => new ConnectionLostException($"The connection broke: {error.Message}", error),
        null => new ConnectionLostException($"The connection broke ({info.Type})."),
    };

    private void End(Frame close)
    {
        if (Interlocked.CompareExchange(ref _ended, 1, 0) == 0)
        {
            _inbox.Writer.TryWrite(close);
            _inbox.Writer.TryComplete();
        }
    }

    private void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _ended, 1, 0) == 0)
        {
            Volatile.Write(ref _failure, error);
            _inbox.Writer.TryComplete();
        }
    }

    private static byte[] WholeArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
