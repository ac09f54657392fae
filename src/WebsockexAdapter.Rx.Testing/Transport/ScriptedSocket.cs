using System.Net;
using System.Net.WebSockets;
using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>
/// One scripted connection: the client's side is the <see cref="IWebSocketTransport"/> the library drives; the
/// server's side is the public methods the test calls (<see cref="Accept"/>, <see cref="Send(Frame)"/>,
/// <see cref="Drop"/>, <see cref="Close"/>...). What the client sent is recorded in <see cref="Sent"/>.
/// </summary>
public sealed class ScriptedSocket : IWebSocketTransport
{
    private readonly ScriptedTransport _transport;
    private readonly Queue<Frame> _inbox = new();
    private readonly List<Frame> _sent = [];
    private TaskCompletionSource? _handshake;
    private TaskCompletionSource<Frame>? _pendingReceive;
    private Exception? _broken;

    internal ScriptedSocket(ScriptedTransport transport, int index)
    {
        _transport = transport;
        Index = index;
    }

    /// <summary>The attempt number, from 0.</summary>
    public int Index { get; }

    /// <summary>The address the client asked for.</summary>
    public Uri? Uri { get; private set; }

    /// <summary>The virtual time the handshake started at, in ticks.</summary>
    public long ConnectStartedAt { get; private set; }

    /// <summary>Where the socket is in its life.</summary>
    public ScriptedSocketState State { get; private set; }

    /// <summary>Whether the client has released the socket.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Every frame the client sent, in order.</summary>
    public IReadOnlyList<Frame> Sent => _sent;

    /// <summary>The text of every text frame the client sent, in order.</summary>
    public IEnumerable<string> SentTexts => _sent.Where(static f => f.Kind == FrameKind.Text).Select(static f => f.Text);

    /// <summary>The close status the client sent, if it started or answered a closing handshake.</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    /// <summary>When set, the server neither answers pings nor echoes closes (a stalled peer).</summary>
    public bool Stalled { get; set; }

    bool IWebSocketTransport.HandlesKeepAlive => _transport.HandlesKeepAlive;

    string? IWebSocketTransport.SubProtocol => AcceptedSubProtocol;

    /// <summary>The sub-protocol given to <see cref="Accept"/>.</summary>
    public string? AcceptedSubProtocol { get; private set; }

    private long Now => _transport.Scheduler.Now.UtcTicks;

    /// <summary>Server: completes the handshake.</summary>
    /// <param name="subProtocol">The sub-protocol to report.</param>
    public void Accept(string? subProtocol = null)
    {
        AcceptedSubProtocol = subProtocol;
        State = ScriptedSocketState.Open;
        WithoutSynchronizationContext.Run(() => _handshake?.TrySetResult());
    }

    /// <summary>Server: fails the handshake with <paramref name="error"/> (a refused TCP connection, say).</summary>
    /// <param name="error">What the client's connect throws.</param>
    public void Refuse(Exception? error = null)
    {
        State = ScriptedSocketState.Refused;
        WithoutSynchronizationContext.Run(() => _handshake?.TrySetException(error ?? new WebSocketException(WebSocketError.Faulted, "Connection refused (scripted).")));
    }

    /// <summary>Server: answers the upgrade with an HTTP status other than 101.</summary>
    /// <param name="status">The HTTP status, e.g. 401 or 503.</param>
    public void Reject(HttpStatusCode status) => Refuse(new HandshakeRejectedException(status));

    /// <summary>Server: sends a frame; the client receives it at once.</summary>
    /// <param name="frame">The frame.</param>
    public void Send(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (State != ScriptedSocketState.Open)
        {
            return;
        }

        Deliver(frame);
    }

    /// <summary>
    /// Server: sends frames that arrive together, as one socket read brings several: the client takes each without
    /// waiting on the socket in between.
    /// </summary>
    /// <param name="frames">The frames, in order.</param>
    public void SendTogether(IEnumerable<Frame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (State != ScriptedSocketState.Open)
        {
            return;
        }

        foreach (var frame in frames)
        {
            ArgumentNullException.ThrowIfNull(frame);
            _inbox.Enqueue(frame);
        }

        var pending = _pendingReceive;
        if (pending is not null && _inbox.TryDequeue(out var first))
        {
            _pendingReceive = null;
            WithoutSynchronizationContext.Run(() => pending.TrySetResult(first));
        }
    }

    /// <summary>Server: sends a text frame.</summary>
    /// <param name="text">The message.</param>
    public void SendText(string text) => Send(Frame.FromText(text));

    /// <summary>Server: sends a frame after <paramref name="delay"/> of virtual time.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="frame">The frame.</param>
    public void SendAfter(TimeSpan delay, Frame frame) =>
        _transport.Scheduler.Schedule(delay, () => Send(frame));

    /// <summary>Server: breaks the connection without a close frame (a TCP reset).</summary>
    public void Drop() => Break(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The remote party closed the connection without completing the close handshake (scripted drop)."));

    /// <summary>Server: starts a closing handshake with <paramref name="status"/>.</summary>
    /// <param name="status">The close status.</param>
    /// <param name="description">The close reason.</param>
    public void Close(WebSocketCloseStatus status, string? description = null)
    {
        if (State != ScriptedSocketState.Open)
        {
            return;
        }

        Deliver(Frame.Close(status, description));
        State = ScriptedSocketState.Closed;
    }

    Task IWebSocketTransport.ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        Uri = uri;
        ConnectStartedAt = Now;
        State = ScriptedSocketState.Connecting;
        _handshake = new TaskCompletionSource();
        cancellationToken.Register(() => _handshake.TrySetCanceled(cancellationToken));
        _transport.OnConnect(this);
        return _handshake.Task;
    }

    ValueTask<Frame> IWebSocketTransport.ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_inbox.TryDequeue(out var frame))
        {
            return ValueTask.FromResult(frame);
        }

        if (_broken is not null)
        {
            return ValueTask.FromException<Frame>(_broken);
        }

        _pendingReceive = new TaskCompletionSource<Frame>();
        return new ValueTask<Frame>(_pendingReceive.Task);
    }

    ValueTask IWebSocketTransport.SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (_broken is not null || State != ScriptedSocketState.Open)
        {
            return ValueTask.FromException(_broken ?? new WebSocketException(WebSocketError.InvalidState, "The socket is not open (scripted)."));
        }

        _sent.Add(frame);
        if (frame.Kind == FrameKind.Ping && _transport.AutoPong && !Stalled)
        {
            SendAfter(TimeSpan.Zero, Frame.Pong(frame.Payload));
        }

        _transport.OnClientFrame?.Invoke(this, frame);
        return ValueTask.CompletedTask;
    }

    Task IWebSocketTransport.CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        ClientCloseStatus = status;
        if (State == ScriptedSocketState.Open && _transport.EchoClose && !Stalled)
        {
            _transport.Scheduler.Schedule(TimeSpan.Zero, () =>
            {
                Deliver(Frame.Close(status, description));
                State = ScriptedSocketState.Closed;
            });
        }

        return Task.CompletedTask;
    }

    void IWebSocketTransport.Abort() =>
        Break(new OperationCanceledException("The socket was aborted by the client (scripted)."));

    void IDisposable.Dispose() => IsDisposed = true;

    private void Deliver(Frame frame)
    {
        var pending = _pendingReceive;
        if (pending is not null)
        {
            _pendingReceive = null;
            WithoutSynchronizationContext.Run(() => pending.TrySetResult(frame));
        }
        else
        {
            _inbox.Enqueue(frame);
        }
    }

    private void Break(Exception error)
    {
        if (_broken is not null || State is ScriptedSocketState.Refused)
        {
            return;
        }

        _broken = error;
        if (State is ScriptedSocketState.Open or ScriptedSocketState.Connecting)
        {
            State = ScriptedSocketState.Broken;
        }

        var pending = _pendingReceive;
        _pendingReceive = null;
        WithoutSynchronizationContext.Run(() =>
        {
            _handshake?.TrySetException(error);
            pending?.TrySetException(error);
        });
    }
}
