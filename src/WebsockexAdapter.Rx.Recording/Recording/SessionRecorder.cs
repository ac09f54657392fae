using System.Buffers;
using System.Net.WebSockets;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Records sessions to an append-only file: every frame received (stamped with the client's scheduler), every frame
/// sent, and where each connection began and ended, and why. It plugs in where the transport does: wrap a client's
/// <see cref="ClientOptions.TransportFactory"/> with <see cref="Wrap"/> (or use <c>options.Record(path)</c>), and
/// every socket the client opens is recorded. Events collect in memory and are compressed into one block every
/// <see cref="RecordingOptions.FlushInterval"/> on the scheduler; a killed process loses at most that last interval.
/// Dispose it after the client, to write what is left.
/// </summary>
/// <example>
/// <code>
/// using var recorder = SessionRecorder.Create("btc.wxrec");
/// using var client = new WebSocketClient(uri, new ClientOptions { TransportFactory = recorder.Wrap(Rfc6455TransportFactory.Instance) });
/// </code>
/// </example>
public sealed class SessionRecorder : IDisposable
{
    /// <summary>
    /// A block is written early once this much is waiting, so a burst never piles up in memory. On a fast feed this
    /// sets how often the writer's work item is queued (a pool worker woken, which spins a while after it): 3 MiB makes a
    /// hundred or so a second on the e2e blast, where 1 MiB cost the recorder about 15 ns a message more (benchmarks/README).
    /// </summary>
    private const int EarlyFlushBytes = 3 * 1024 * 1024;

    /// <summary>
    /// This much waiting, and the recording thread writes the block itself, unless a block is being written at that
    /// moment: then the writer takes this one next, and the recording thread goes on.
    /// </summary>
    private const int TakeOverBytes = 8 * 1024 * 1024;

    /// <summary>This much waiting, and the recording thread waits for a block being written, so memory stays bounded when the file cannot keep up.</summary>
    private const int WaitBytes = 16 * 1024 * 1024;

    /// <summary>Room in each block buffer at first (a size the shared pool keeps): an early block, and what arrives before the writer takes it.</summary>
    private const int BlockCapacity = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly object _fileGate = new();
    private readonly RecordingOptions _options;
    private readonly RecordingFile _file;
    private readonly SerialDisposable _timer = new();
    private readonly long _flushTicks;
    private BlockBuffer _pending = new(BlockCapacity);
    private BlockBuffer _spare = new(BlockCapacity);
    private long _pendingSince = -1;
    private bool _pendingNeedsRedaction;
    private bool _released;
    private long _events;
    private int _flushQueued;
    private int _nextConnection;
    private IScheduler? _scheduler;
    private Exception? _error;
    private bool _disposed;

    private SessionRecorder(string path, RecordingOptions options)
    {
        _options = options;
        _flushTicks = options.FlushInterval.Ticks;
        _file = new RecordingFile(path, options, DateTimeOffset.MinValue);
        Path = path;
        if (options.Scheduler is { } scheduler)
        {
            Attach(scheduler);
        }
    }

    /// <summary>The first file of the recording (after a rotation, the next ones are <c>name.1.ext</c>, <c>name.2.ext</c>...).</summary>
    public string Path { get; }

    /// <summary>The file being written now.</summary>
    public string CurrentPath
    {
        get
        {
            lock (_fileGate)
            {
                return _file.CurrentPath;
            }
        }
    }

    /// <summary>
    /// Why the recorder stopped writing, if it did: the first block it could not write (a full disk, a part file that could
    /// not be created...); <see langword="null"/> while it writes. The file keeps every block written before it, and
    /// later events are dropped, while the client and its connections go on: a recording never costs the session.
    /// </summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>How many events were recorded.</summary>
    public long EventCount => Interlocked.Read(ref _events);

    /// <summary>How many bytes are in the files so far, headers included.</summary>
    public long BytesWritten
    {
        get
        {
            lock (_fileGate)
            {
                return _file.BytesWritten;
            }
        }
    }

    /// <summary>Creates the file (replacing one that exists) and the recorder.</summary>
    /// <param name="path">Where to write; <c>.wxrec</c> is the usual extension.</param>
    /// <param name="options">How to write; <see langword="null"/> for the defaults.</param>
    /// <exception cref="InvalidOptionsException">The options break a rule.</exception>
    public static SessionRecorder Create(string path, RecordingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new RecordingOptions();
        options.Validate();
        return new SessionRecorder(path, options);
    }

    /// <summary>A factory that creates <paramref name="inner"/>'s sockets and records everything they do.</summary>
    /// <param name="inner">The transport that really connects, e.g. <see cref="Rfc6455TransportFactory.Instance"/>.</param>
    public IWebSocketTransportFactory Wrap(IWebSocketTransportFactory inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new RecordingTransportFactory(inner, this);
    }

    /// <summary>Writes what is waiting now, instead of at the next interval; a write that fails ends the recording (see <see cref="Error"/>).</summary>
    public void Flush()
    {
        lock (_fileGate)
        {
            if (_disposed)
            {
                return;
            }

            WriteWaiting();
        }
    }

    /// <summary>Stops the timer, writes what is waiting and closes the file. Events after this are dropped.</summary>
    public void Dispose()
    {
        lock (_fileGate)
        {
            if (_disposed)
            {
                return;
            }

            _timer.Dispose();
            WriteWaiting();
            _disposed = true;
            lock (_gate)
            {
                // Events after this are dropped: the buffers go back to the pool, where the next recorder finds them.
                _released = true;
                _pending.Dispose();
                _spare.Dispose();
            }

            try
            {
                _file.Dispose();
            }
#pragma warning disable CA1031 // See WriteWaiting: the recording's failure is reported by Error, never thrown at the session.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Stop(error);
            }
        }
    }

    internal int NextConnection() => Interlocked.Increment(ref _nextConnection) - 1;

    /// <summary>Starts the flush timer on the first scheduler seen, unless the options named one.</summary>
    internal void Attach(IScheduler scheduler)
    {
        lock (_fileGate)
        {
            if (_scheduler is not null || _disposed)
            {
                return;
            }

            _scheduler = scheduler;
            ScheduleFlush();
        }
    }

    internal void RecordFrame(RecordedEventKind kind, DateTimeOffset time, int connection, Frame frame)
    {
        if (Stopped)
        {
            return;
        }

        // Secrets are redacted when the block is written (never later than the file sees it), off the receive loop.
        var needsRedaction = _options.RedactSecrets && SecretRedactor.NeedsRedaction(kind, frame.Kind, frame.Payload.Span);
        Due due;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            RecordEncoder.WriteHead(_pending, kind, time, connection);
            RecordEncoder.WriteFrame(_pending, frame);
            _pendingNeedsRedaction |= needsRedaction;
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    /// <summary>A received message, whose bytes may be lent: they are copied into the block before this returns.</summary>
    internal void RecordReceived(DateTimeOffset time, int connection, in ReceivedMessage message)
    {
        if (Stopped)
        {
            return;
        }

        if (message.Frame is { } frame)
        {
            RecordFrame(RecordedEventKind.Received, time, connection, frame);
            return;
        }

        var payload = message.Payload.Span;
        var needsRedaction = _options.RedactSecrets && SecretRedactor.NeedsRedaction(RecordedEventKind.Received, message.Kind, payload);
        Due due;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            RecordEncoder.WriteReceived(_pending, time, connection, message.Kind, payload);
            _pendingNeedsRedaction |= needsRedaction;
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordText(RecordedEventKind kind, DateTimeOffset time, int connection, string? text)
    {
        if (Stopped)
        {
            return;
        }

        Due due;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            RecordEncoder.WriteHead(_pending, kind, time, connection);
            RecordEncoder.WriteString(_pending, text);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordConnectFailed(DateTimeOffset time, int connection, int httpStatus, string error)
    {
        if (Stopped)
        {
            return;
        }

        Due due;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            RecordEncoder.WriteHead(_pending, RecordedEventKind.ConnectFailed, time, connection);
            RecordEncoder.WriteStatus(_pending, httpStatus);
            RecordEncoder.WriteString(_pending, error);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordCloseRequested(DateTimeOffset time, int connection, WebSocketCloseStatus status, string? description)
    {
        if (Stopped)
        {
            return;
        }

        Due due;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            RecordEncoder.WriteHead(_pending, RecordedEventKind.CloseRequested, time, connection);
            RecordEncoder.WriteStatus(_pending, (int)status);
            RecordEncoder.WriteString(_pending, description);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordMark(RecordedEventKind kind, DateTimeOffset time, int connection)
    {
        if (Stopped)
        {
            return;
        }

        Due due;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            RecordEncoder.WriteHead(_pending, kind, time, connection);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    /// <summary>
    /// Counts the event and says when the waiting block must be written: it is large, or its oldest event is half an
    /// interval old (the flush timer is late, say on a loaded machine), so the crash-loss bound holds regardless. Who
    /// writes it is the scheduler's work item, unless that is late too: then the recording thread does, at a whole
    /// interval (or four times the size), when no block is being written (<see cref="TakeOver"/>).
    /// </summary>
    private Due Appended(DateTimeOffset time)
    {
        _events++;
        if (_pendingSince < 0)
        {
            _pendingSince = time.UtcTicks;
            return Due.NotYet;
        }

        var age = time.UtcTicks - _pendingSince;
        var size = _pending.WrittenCount;
        return size >= WaitBytes ? Due.Wait
            : size >= TakeOverBytes || age >= _flushTicks ? Due.Now
            : size >= EarlyFlushBytes || age >= _flushTicks / 2 ? Due.Soon
            : Due.NotYet;
    }

    private void FlushIfDue(Due due)
    {
        if (due == Due.NotYet)
        {
            return;
        }

        var scheduler = Volatile.Read(ref _scheduler);
        if (scheduler is null || due == Due.Wait)
        {
            Flush();
            return;
        }

        if (Interlocked.Exchange(ref _flushQueued, 1) == 0)
        {
            scheduler.Schedule(this, static (_, recorder) =>
            {
                Volatile.Write(ref recorder._flushQueued, 0);
                recorder.WriteWhileFull();
                return Disposable.Empty;
            });
        }

        if (due == Due.Now)
        {
            TakeOver();
        }
    }

    /// <summary>
    /// The scheduler's work item is late: the recording thread writes the waiting block, unless one is being written now.
    /// Then it does not wait (a block takes a millisecond or more to compress, which a receive loop must not spend
    /// waiting), since the writer takes the waiting block next (<see cref="WriteWhileFull"/>).
    /// </summary>
    private void TakeOver()
    {
        if (!Monitor.TryEnter(_fileGate))
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                WriteWaiting();
            }
        }
        finally
        {
            Monitor.Exit(_fileGate);
        }
    }

    /// <summary>Writes what is waiting, and again while a whole early block has piled up meanwhile (a burst, or a late work item).</summary>
    private void WriteWhileFull()
    {
        lock (_fileGate)
        {
            if (_disposed)
            {
                return;
            }

            do
            {
                WriteWaiting();
            }
            while (!Stopped && WaitingBytes() >= EarlyFlushBytes);
        }
    }

    private int WaitingBytes()
    {
        lock (_gate)
        {
            return _pending.WrittenCount;
        }
    }

    private void ScheduleFlush() =>
        _timer.Disposable = _scheduler!.Schedule(this, _options.FlushInterval, static (_, recorder) =>
        {
            recorder.OnTimer();
            return Disposable.Empty;
        });

    private void OnTimer()
    {
        lock (_fileGate)
        {
            if (_disposed)
            {
                return;
            }

            WriteWaiting();
            if (!Stopped)
            {
                ScheduleFlush();
            }
        }
    }

    private bool Stopped => Volatile.Read(ref _error) is not null;

    /// <summary>Ends the recording after the first failure: nothing more is kept or written.</summary>
    private void Stop(Exception error)
    {
        if (Interlocked.CompareExchange(ref _error, error, null) is null)
        {
            _timer.Dispose();
        }
    }

    /// <summary>Swaps the waiting block out under the event lock, then compresses and writes it outside it. Called under the file lock.</summary>
    private void WriteWaiting()
    {
        BlockBuffer full;
        bool needsRedaction;
        lock (_gate)
        {
            if (_pending.WrittenCount == 0)
            {
                return;
            }

            full = _pending;
            needsRedaction = _pendingNeedsRedaction;
            _pending = _spare;
            _pendingSince = -1;
            _pendingNeedsRedaction = false;
        }

        var now = _scheduler?.Now ?? DateTimeOffset.MinValue;
        if (_file.OpenedAt == DateTimeOffset.MinValue)
        {
            _file.MarkOpened(now);
        }

        if (!Stopped)
        {
            try
            {
                _file.WriteBlock(needsRedaction ? SecretRedactor.RedactBlock(full.WrittenSpan) : full.WrittenSpan, now);
            }
#pragma warning disable CA1031 // Whatever the file system says, it is the recording's end, not the session's: this runs on a
            // timer (where an exception would end the process) or on a receive loop (where it would end the connection).
            catch (Exception error)
#pragma warning restore CA1031
            {
                Stop(error);
            }
        }

        full.ResetWrittenCount();
        _spare = full;
    }

    /// <summary>When the waiting block is due, and who writes it.</summary>
    private enum Due
    {
        /// <summary>The flush timer will.</summary>
        NotYet,

        /// <summary>A flush on the scheduler, now: compressing is not the receive loop's work.</summary>
        Soon,

        /// <summary>The recording thread, at once, unless a block is being written: the background flush is so late that the crash-loss bound or the memory bound is at stake.</summary>
        Now,

        /// <summary>The recording thread, at once, waiting for a block being written: so much is waiting that memory is at stake.</summary>
        Wait,
    }
}
