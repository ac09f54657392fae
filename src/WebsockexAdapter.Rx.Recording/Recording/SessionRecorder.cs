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
    /// <summary>A block is written early once this much is waiting, so a burst never piles up in memory.</summary>
    private const int EarlyFlushBytes = 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly object _fileGate = new();
    private readonly RecordingOptions _options;
    private readonly RecordingFile _file;
    private readonly SerialDisposable _timer = new();
    private readonly long _flushTicks;
    private ArrayBufferWriter<byte> _pending = new(64 * 1024);
    private ArrayBufferWriter<byte> _spare = new(64 * 1024);
    private long _pendingSince = -1;
    private bool _pendingNeedsRedaction;
    private long _events;
    private int _flushQueued;
    private int _nextConnection;
    private IScheduler? _scheduler;
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

    /// <summary>Writes what is waiting now, instead of at the next interval.</summary>
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
            _file.Dispose();
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
        // Secrets are redacted when the block is written (never later than the file sees it), off the receive loop.
        var needsRedaction = _options.RedactSecrets && SecretRedactor.NeedsRedaction(kind, frame.Kind, frame.Payload.Span);
        Due due;
        lock (_gate)
        {
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
            RecordEncoder.WriteHead(_pending, RecordedEventKind.Received, time, connection);
            RecordEncoder.WriteMessage(_pending, message.Kind, payload);
            _pendingNeedsRedaction |= needsRedaction;
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordText(RecordedEventKind kind, DateTimeOffset time, int connection, string? text)
    {
        Due due;
        lock (_gate)
        {
            RecordEncoder.WriteHead(_pending, kind, time, connection);
            RecordEncoder.WriteString(_pending, text);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordConnectFailed(DateTimeOffset time, int connection, int httpStatus, string error)
    {
        Due due;
        lock (_gate)
        {
            RecordEncoder.WriteHead(_pending, RecordedEventKind.ConnectFailed, time, connection);
            RecordEncoder.WriteStatus(_pending, httpStatus);
            RecordEncoder.WriteString(_pending, error);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordCloseRequested(DateTimeOffset time, int connection, WebSocketCloseStatus status, string? description)
    {
        Due due;
        lock (_gate)
        {
            RecordEncoder.WriteHead(_pending, RecordedEventKind.CloseRequested, time, connection);
            RecordEncoder.WriteStatus(_pending, (int)status);
            RecordEncoder.WriteString(_pending, description);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    internal void RecordMark(RecordedEventKind kind, DateTimeOffset time, int connection)
    {
        Due due;
        lock (_gate)
        {
            RecordEncoder.WriteHead(_pending, kind, time, connection);
            due = Appended(time);
        }

        FlushIfDue(due);
    }

    /// <summary>
    /// Counts the event and says when the waiting block must be written: it is large, or its oldest event is half an
    /// interval old (the flush timer is late, say on a loaded machine), so the crash-loss bound holds regardless. Who
    /// writes it is the scheduler's work item, unless that is late too: then the recording thread does, at a whole
    /// interval (or twice the size).
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
        return size >= 2 * EarlyFlushBytes || age >= _flushTicks ? Due.Now
            : size >= EarlyFlushBytes || age >= _flushTicks / 2 ? Due.Soon
            : Due.NotYet;
    }

    private void FlushIfDue(Due due)
    {
        var scheduler = Volatile.Read(ref _scheduler);
        if (due == Due.Now || (due == Due.Soon && scheduler is null))
        {
            Flush();
        }
        else if (due == Due.Soon && Interlocked.Exchange(ref _flushQueued, 1) == 0)
        {
            scheduler!.Schedule(this, static (_, recorder) =>
            {
                Volatile.Write(ref recorder._flushQueued, 0);
                recorder.Flush();
                return Disposable.Empty;
            });
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
            ScheduleFlush();
        }
    }

    /// <summary>Swaps the waiting block out under the event lock, then compresses and writes it outside it. Called under the file lock.</summary>
    private void WriteWaiting()
    {
        ArrayBufferWriter<byte> full;
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

        _file.WriteBlock(needsRedaction ? SecretRedactor.RedactBlock(full.WrittenSpan) : full.WrittenSpan, now);
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

        /// <summary>The recording thread, at once: the background flush is so late that the crash-loss bound or the memory bound is at stake.</summary>
        Now,
    }
}
