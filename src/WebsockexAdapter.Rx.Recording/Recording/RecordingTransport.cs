using System.Net.WebSockets;
using System.Reactive.Concurrency;
using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// One socket, recorded: it does exactly what the inner socket does, and tells the recorder each frame in and out (at
/// the client's scheduler time), the handshake's outcome, and how the connection ended. A drop is recorded only when
/// this side had not already closed or aborted the socket, since then the failed receive is our own doing. Over a
/// transport that lends its buffer it lends too, recording the lent bytes, so a recorded session does not pay a copy
/// per message that the live one does not. Received frames are stamped by a <see cref="ReceiveClock"/>: on the wall
/// clock, once per burst rather than once per frame.
/// </summary>
internal sealed class RecordingTransport : ILendingTransport
{
    private readonly IWebSocketTransport _inner;
    private readonly SessionRecorder _recorder;
    private readonly IScheduler _scheduler;
    private readonly int _connection;
    private ReceiveClock _clock;
    private int _acted;
    private int _endedHere;
    private int _released;

    public RecordingTransport(IWebSocketTransport inner, SessionRecorder recorder, IScheduler scheduler, int connection)
    {
        _inner = inner;
        _recorder = recorder;
        _scheduler = scheduler;
        _connection = connection;
        _clock = new ReceiveClock(scheduler);
    }

    public bool HandlesKeepAlive => _inner.HandlesKeepAlive;

    public string? SubProtocol => _inner.SubProtocol;

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);

        // The path only: a query string may carry a key.
        _recorder.RecordText(RecordedEventKind.ConnectStarted, _scheduler.Now, _connection, uri.GetLeftPart(UriPartial.Path));
        try
        {
            await _inner.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            var status = error is HandshakeRejectedException rejected ? (int)rejected.StatusCode : 0;
            _recorder.RecordConnectFailed(_scheduler.Now, _connection, status, $"{error.GetType().Name}: {error.Message}");
            throw;
        }

        _recorder.RecordText(RecordedEventKind.Connected, _scheduler.Now, _connection, _inner.SubProtocol);
    }

    public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var receive = _inner.ReceiveAsync(cancellationToken);
        if (!receive.IsCompletedSuccessfully)
        {
            return ReceiveSlowAsync(receive);
        }

        var frame = receive.Result;
        _recorder.RecordFrame(RecordedEventKind.Received, ReceivedAt(waited: false), _connection, frame);
        return new ValueTask<Frame>(frame);
    }

    public ValueTask<ReceivedMessage> ReceiveLentAsync(CancellationToken cancellationToken)
    {
        if (_inner is not ILendingTransport lending)
        {
            var owned = ReceiveAsync(cancellationToken);
            return owned.IsCompletedSuccessfully ? new ValueTask<ReceivedMessage>(new ReceivedMessage(owned.Result)) : OwnedSlowAsync(owned);
        }

        var receive = lending.ReceiveLentAsync(cancellationToken);
        if (!receive.IsCompletedSuccessfully)
        {
            return ReceiveLentSlowAsync(receive);
        }

        var message = receive.Result;
        _recorder.RecordReceived(ReceivedAt(waited: false), _connection, message);
        return new ValueTask<ReceivedMessage>(message);
    }

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);

        // Before the send: a reply can arrive, and be recorded, before a send's own call returns.
        _recorder.RecordFrame(RecordedEventKind.Sent, _scheduler.Now, _connection, frame);
        Acted();
        return _inner.SendAsync(frame, cancellationToken);
    }

    public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _endedHere, 1) == 0)
        {
            _recorder.RecordCloseRequested(_scheduler.Now, _connection, status, description);
            Acted();
        }

        return _inner.CloseAsync(status, description, cancellationToken);
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _endedHere, 1) == 0)
        {
            _recorder.RecordMark(RecordedEventKind.Aborted, _scheduler.Now, _connection);
            Acted();
        }

        _inner.Abort();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _recorder.RecordMark(RecordedEventKind.Released, _scheduler.Now, _connection);
        }

        _inner.Dispose();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Frame> ReceiveSlowAsync(ValueTask<Frame> receive)
    {
        Frame frame;
        try
        {
            frame = await receive.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            RecordDrop(error);
            throw;
        }

        _recorder.RecordFrame(RecordedEventKind.Received, ReceivedAt(waited: true), _connection, frame);
        return frame;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReceivedMessage> ReceiveLentSlowAsync(ValueTask<ReceivedMessage> receive)
    {
        ReceivedMessage message;
        try
        {
            message = await receive.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            RecordDrop(error);
            throw;
        }

        _recorder.RecordReceived(ReceivedAt(waited: true), _connection, message);
        return message;
    }

    private static async ValueTask<ReceivedMessage> OwnedSlowAsync(ValueTask<Frame> receive) =>
        new(await receive.ConfigureAwait(false));

    /// <summary>The time to stamp on a frame received now; <paramref name="waited"/>: the receive had to wait for the socket.</summary>
    private DateTimeOffset ReceivedAt(bool waited)
    {
        // After a send (or a close) the clock is read afresh, so a reply is never stamped before its request.
        var acted = Volatile.Read(ref _acted) != 0 && Interlocked.Exchange(ref _acted, 0) != 0;
        return _clock.Now(precise: waited || acted);
    }

    /// <summary>Something other than a receive happened on the connection: the next received frame reads the clock afresh.</summary>
    private void Acted() => Volatile.Write(ref _acted, 1);

    private void RecordDrop(Exception error)
    {
        if (Volatile.Read(ref _endedHere) == 0)
        {
            _recorder.RecordText(RecordedEventKind.Dropped, _scheduler.Now, _connection, $"{error.GetType().Name}: {error.Message}");
        }
    }
}
