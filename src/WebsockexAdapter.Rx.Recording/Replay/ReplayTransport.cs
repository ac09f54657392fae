using System.Net.WebSockets;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading.Tasks.Sources;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// One recorded connection played back on the scheduler. The handshake ends as it did, when it did; each received
/// frame arrives at its recorded time (shifted later as a whole if the replayed client connected later than the
/// recorded one); a recorded drop is a drop. Replies to requests are held until the replayed client sends the same
/// request (method and params) and then carry its id. Where the recorded client closed or aborted the socket itself,
/// the replay waits for the replayed client to do the same. Control frames are left out: the socket says it handles
/// keep-alive, so the client's ping timers (which a replay cannot answer on time) do not run.
/// </summary>
internal sealed class ReplayTransport : IWebSocketTransport, IValueTaskSource<Frame>
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<RecordedEvent> _events;
    private readonly IScheduler _scheduler;
    private readonly int _connection;
    private readonly int _connectionCount;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<long, long> _replayedIds = [];
    private readonly Dictionary<long, RecordedEvent> _heldReplies = [];
    private readonly Dictionary<long, IReadOnlyList<string>> _regroupedAnswers = [];
    private readonly HashSet<long> _absorbed = [];
    private readonly Queue<Frame> _ready = new();
    // Asked without the lock, on the replay's thread, after each item run ahead: what an item queued there is seen. What
    // another thread queues meanwhile is found under the lock when the run ahead ends, as it would be a moment later.
    private static readonly Func<ReplayTransport, bool> s_interrupted = static transport => transport.Interrupted();

    private readonly SerialDisposable _timer = new();

    /// <summary>The replay's own clock, which lets the next frame be handed over without an item of its own; <see langword="null"/> on another scheduler.</summary>
    private readonly ReplayScheduler? _runAhead;
    private ManualResetValueTaskSourceCore<Frame> _receive;
    private bool _receivePending;
    private bool _timerSet;
    private int _cursor;
    private long _shift;
    private Exception? _broken;
    private bool _closedHere;
    private bool _disposed;

    public ReplayTransport(IReadOnlyList<RecordedEvent> events, IScheduler scheduler, int connection, int connectionCount)
    {
        _events = events;
        _scheduler = scheduler;
        _runAhead = scheduler as ReplayScheduler;
        _connection = connection;
        _connectionCount = connectionCount;
        foreach (var sent in events)
        {
            if (sent.Kind == RecordedEventKind.Sent && JsonRpcShape.TryReadRequest(sent.Frame!, out var request))
            {
                _requests.Add(request);
            }
        }
    }

    public bool HandlesKeepAlive => true;

    public string? SubProtocol { get; private set; }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var outcome = -1;
        for (var i = 0; i < _events.Count && outcome < 0; i++)
        {
            if (_events[i].Kind is RecordedEventKind.Connected or RecordedEventKind.ConnectFailed)
            {
                outcome = i;
            }
        }

        if (_events.Count == 0 || outcome < 0)
        {
            return Task.FromException(new ReplayEndedException(_connectionCount));
        }

        _shift = Math.Max(0, _scheduler.Now.UtcTicks - _events[0].Time.UtcTicks);
        var handshake = new TaskCompletionSource();
        cancellationToken.Register(() => handshake.TrySetCanceled(cancellationToken));
        var recorded = _events[outcome];
        _scheduler.Schedule(Due(recorded), () => NoSynchronizationContext.Run(() =>
        {
            if (recorded.Kind == RecordedEventKind.Connected)
            {
                SubProtocol = string.IsNullOrEmpty(recorded.Detail) ? null : recorded.Detail;
                _cursor = outcome + 1;
                handshake.TrySetResult();
            }
            else
            {
                handshake.TrySetException(recorded.HttpStatus is { } status
                    ? new HandshakeRejectedException((System.Net.HttpStatusCode)status)
                    : new WebSocketException(WebSocketError.Faulted, $"Recorded: {recorded.Detail}"));
            }
        }));
        return handshake.Task;
    }

    public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = NotYetDue();
            if (due is null)
            {
                lock (_gate)
                {
                    var next = Next(out var error, out due);
                    if (next is not null)
                    {
                        return new ValueTask<Frame>(next);
                    }

                    if (error is not null)
                    {
                        return ValueTask.FromException<Frame>(error);
                    }

                    if (due is null || _runAhead is null)
                    {
                        return Pending(due);
                    }
                }
            }

            // Outside the lock: what runs ahead is the client's, the adapter's and the user's code.
            if (_runAhead!.TryRunAhead(due.Value, s_interrupted, this))
            {
                continue;
            }

            lock (_gate)
            {
                if (!Interrupted())
                {
                    return Pending(due);
                }
            }
        }
    }

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frame? answer = null;
        lock (_gate)
        {
            if (_broken is not null || _closedHere)
            {
                return ValueTask.FromException(new WebSocketException(WebSocketError.InvalidState, "The replayed socket is not open."));
            }

            if (!JsonRpcShape.TryReadRequest(frame, out var sent))
            {
                return ValueTask.CompletedTask;
            }

            var index = _requests.FindIndex(r => r.Matches(sent));
            long recordedId;
            if (index >= 0)
            {
                recordedId = _requests[index].Id;
                _requests.RemoveAt(index);
            }
            else if (ChannelRequests.TryRegroup(_requests, sent, out var first, out var absorbed, out var channels))
            {
                // The live session sent these channels in several requests (its subscriptions came in several passes);
                // the replayed one asks for them at once: the first request's reply answers for all of them.
                recordedId = first;
                _regroupedAnswers[first] = channels;
                foreach (var id in absorbed)
                {
                    _heldReplies.Remove(id);
                    _absorbed.Add(id);
                }
            }
            else
            {
                return ValueTask.FromException(new ReplayRequestNotRecordedException(sent.Method, _connection));
            }

            _replayedIds[recordedId] = sent.Id;
            if (_heldReplies.Remove(recordedId, out var held))
            {
                _ready.Enqueue(Answer(held.Frame!, recordedId, sent.Id));
                answer = TakePending();
            }
        }

        Complete(answer, null);
        return ValueTask.CompletedTask;
    }

    public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        Frame? echo;
        lock (_gate)
        {
            _closedHere = true;

            // The replayed server agrees at once: what the recorded server said after its close does not matter.
            _ready.Enqueue(Frame.Close(status, description));
            echo = TakePending();
        }

        Complete(echo, null);
        return Task.CompletedTask;
    }

    public void Abort()
    {
        Exception? error;
        lock (_gate)
        {
            _broken ??= new OperationCanceledException("The replayed socket was aborted by the client.");
            _timer.Disposable = null;
            error = _receivePending ? _broken : null;
            _receivePending = false;
        }

        Complete(null, error);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    Frame IValueTaskSource<Frame>.GetResult(short token) => _receive.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<Frame>.GetStatus(short token) => _receive.GetStatus(token);

    void IValueTaskSource<Frame>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _receive.OnCompleted(continuation, state, token, flags);

    /// <summary>
    /// The next frame due now, a recorded drop (as <paramref name="error"/>), or neither: then <paramref name="due"/>
    /// is when the next recorded event is, or <see langword="null"/> when the replay waits for the client. Called under the lock.
    /// </summary>
    private Frame? Next(out Exception? error, out DateTimeOffset? due)
    {
        due = null;
        error = _broken;
        if (error is not null)
        {
            return null;
        }

        if (_ready.TryDequeue(out var ready))
        {
            return ready;
        }

        while (_cursor < _events.Count && !_closedHere && !_disposed)
        {
            var recorded = _events[_cursor];
            var at = Due(recorded);
            if (at > _scheduler.Now)
            {
                due = at;
                return null;
            }

            switch (recorded.Kind)
            {
                case RecordedEventKind.Received:
                    _cursor++;
                    if (Deliverable(recorded) is { } frame)
                    {
                        return frame;
                    }

                    continue;
                case RecordedEventKind.Dropped:
                    _cursor++;
                    _broken = new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"Recorded drop: {recorded.Detail}");
                    error = _broken;
                    return null;
                case RecordedEventKind.Sent:
                    _cursor++;
                    continue;
                default:
                    // The recorded client closed or aborted here: the replayed one decides for itself.
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The usual case of a replay that runs ahead, seen without the lock (once per replayed message): nothing waits
    /// and the next recorded event is not due yet; then its time, which <see cref="Next"/> would give under the lock.
    /// <see langword="null"/> for anything else, which the lock decides. Only the receive moves the cursor.
    /// </summary>
    private DateTimeOffset? NotYetDue()
    {
        if (_runAhead is null || _cursor >= _events.Count || s_interrupted(this))
        {
            return null;
        }

        var at = Due(_events[_cursor]);
        return at > _scheduler.Now ? at : null;
    }

    /// <summary>Whether something came that the client gets before the next recorded event: a reply, the close's echo, an abort. Called under the lock, or see <see cref="s_interrupted"/>.</summary>
    private bool Interrupted() => _ready.Count > 0 || _broken is not null || _closedHere || _disposed;

    /// <summary>The receive left waiting, with a timer for the next recorded event if there is one. Called under the lock.</summary>
    private ValueTask<Frame> Pending(DateTimeOffset? due)
    {
        if (due is { } at)
        {
            SetTimer(at);
        }

        _receive.Reset();
        _receivePending = true;
        return new ValueTask<Frame>(this, _receive.Version);
    }

    /// <summary>A received frame as the replayed client gets it: a reply with the id its request was sent with, or held until that request comes.</summary>
    private Frame? Deliverable(RecordedEvent recorded)
    {
        var frame = recorded.Frame!;
        if (frame.Kind is FrameKind.Ping or FrameKind.Pong)
        {
            return null;
        }

        if (frame.Kind != FrameKind.Text || !JsonRpcShape.TryReadReplyId(frame.Payload.Span, out var id, out _, out _))
        {
            return frame;
        }

        if (_replayedIds.Remove(id, out var replayedId))
        {
            return Answer(frame, id, replayedId);
        }

        if (_absorbed.Remove(id))
        {
            return null;
        }

        _heldReplies[id] = recorded;
        return null;
    }

    private Frame Answer(Frame reply, long recordedId, long id)
    {
        if (_regroupedAnswers.Remove(recordedId, out var channels))
        {
            return ChannelRequests.Answer(reply, id, channels);
        }

        JsonRpcShape.TryReadReplyId(reply.Payload.Span, out _, out var start, out var length);
        return JsonRpcShape.WithId(reply.Payload.Span, start, length, id);
    }

    private DateTimeOffset Due(RecordedEvent recorded) => new(recorded.Time.UtcTicks + _shift, TimeSpan.Zero);

    private void SetTimer(DateTimeOffset due)
    {
        if (_timerSet)
        {
            return;
        }

        _timerSet = true;
        _timer.Disposable = _scheduler.Schedule(this, due, static (_, transport) =>
        {
            NoSynchronizationContext.Run(static transport => transport.OnDue(), transport);
            return Disposable.Empty;
        });
    }

    private void OnDue()
    {
        Frame? frame;
        Exception? error;
        lock (_gate)
        {
            _timerSet = false;
            if (!_receivePending)
            {
                return;
            }

            frame = Next(out error, out var due);
            if (frame is null && error is null)
            {
                if (due is { } at)
                {
                    SetTimer(at);
                }

                return;
            }

            _receivePending = false;
        }

        Complete(frame, error);
    }

    /// <summary>Takes the waiting receive, if any, for the frame just queued. Called under the lock.</summary>
    private Frame? TakePending()
    {
        if (!_receivePending)
        {
            return null;
        }

        _receivePending = false;
        _timer.Disposable = null;
        _timerSet = false;
        return _ready.Dequeue();
    }

    private void Complete(Frame? frame, Exception? error)
    {
        if (frame is not null)
        {
            _receive.SetResult(frame);
        }
        else if (error is not null)
        {
            _receive.SetException(error);
        }
    }
}
