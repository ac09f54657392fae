using System.Buffers;
using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// JSON-RPC 2.0 over one <see cref="IConnection"/>: numbered calls whose replies are matched by id, and the
/// server's notifications, both read from the connection's one frame stream (each frame is parsed once). When the
/// connection ends, every pending call fails at once with <see cref="ConnectionLostException"/> and
/// <see cref="Notifications"/> ends the way the connection did. A session never outlives its connection: a reconnect
/// brings a new connection and a new session.
/// </summary>
/// <remarks>
/// Replies and notifications are delivered on the connection's receive loop, in the order they arrived, and the
/// continuation of an awaited <see cref="CallAsync"/> runs there too: do not block in it.
/// Messages that are not JSON-RPC (malformed JSON, binary frames, replies to ids never sent or already timed out)
/// are skipped with a log line and counted in <see cref="SkippedMessages"/>; they never end the connection.
/// </remarks>
public sealed class JsonRpcSession : IDisposable
{
    private readonly JsonRpcOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly Subject<JsonRpcNotification> _notifications = new();
    private readonly IDisposable _frames;
    private readonly IChannelSink? _channels;
    private long _lastId;
    private long _skipped;

    // Where a channel message's data is parsed before its element is cloned out; only the receive loop touches it.
    private byte[]? _dataScratch;
    private volatile bool _ended;

    /// <summary>Starts reading <paramref name="connection"/>'s frames; create it as soon as the connection arrives.</summary>
    /// <param name="connection">The connection; its frames are read from now on.</param>
    /// <param name="options">Timeouts, scheduler, serializer and logging; <see langword="null"/> for the defaults.</param>
    /// <param name="channels">
    /// Where channel messages (<c>subscription</c> notifications) go instead of <see cref="Notifications"/>, parsed only
    /// down to their <c>data</c>: the fast path for market data. <see langword="null"/> sends them to
    /// <see cref="Notifications"/> like every other notification.
    /// </param>
    /// <exception cref="InvalidOptionsException">The options break one or more rules.</exception>
    public JsonRpcSession(IConnection connection, JsonRpcOptions? options = null, IChannelSink? channels = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _options = options ?? new JsonRpcOptions();
        _options.Validate();
        _logger = _options.LoggerFactory.CreateLogger<JsonRpcSession>();
        _channels = channels;
        Connection = connection;
        // Views: a message is copied only for what must outlive the receive call (a reply, a JsonElement), never for a
        // channel message the sink decodes at once.
        _frames = connection.SubscribeViews(new ViewReader(this));
    }

    /// <summary>The connection the session runs over.</summary>
    public IConnection Connection { get; }

    /// <summary>
    /// The server's notifications, hot, in arrival order. Completes when the connection closes normally and errors
    /// with the connection's error otherwise; a subscriber that comes after the end sees the end at once.
    /// </summary>
    public IObservable<JsonRpcNotification> Notifications => _notifications;

    /// <summary>How many calls are waiting for their reply.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>How many received messages were skipped because they were not usable JSON-RPC.</summary>
    public long SkippedMessages => Interlocked.Read(ref _skipped);

    /// <summary>Whether the connection has ended (calls fail at once).</summary>
    public bool IsEnded => _ended;

    /// <summary>
    /// Sends a request and waits for its reply. Returns the reply's <c>result</c>, which stays valid as long as it is
    /// kept.
    /// </summary>
    /// <param name="method">The method, e.g. <c>public/test</c>.</param>
    /// <param name="parameters">
    /// The <c>params</c> member: <see langword="null"/> for none, a <see cref="JsonElement"/> or JSON node as it is, or
    /// any object, serialized with <see cref="JsonRpcOptions.SerializerOptions"/>.
    /// </param>
    /// <param name="timeout">How long to wait for the reply; <see langword="null"/> for <see cref="JsonRpcOptions.RequestTimeout"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still have reached the server).</param>
    /// <exception cref="JsonRpcException">The server answered with an error; its code and message are on the exception.</exception>
    /// <exception cref="JsonRpcTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="ConnectionLostException">The connection ended before the reply arrived.</exception>
    /// <exception cref="NotConnectedException">The connection had already ended; nothing was sent.</exception>
    public async Task<JsonElement> CallAsync(string method, object? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var wait = timeout ?? _options.RequestTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfEnded();

        var id = Interlocked.Increment(ref _lastId);
        var request = WriteRequest(id, method, parameters);
        var call = new PendingCall(id, method);
        _pending[id] = call;
        if (_ended)
        {
            // The connection ended between the check above and the registration: the sweep may have missed this call.
            _pending.TryRemove(id, out _);
            ThrowIfEnded();
        }

        call.Watch(
            _options.Scheduler.Schedule((Session: this, Call: call, Timeout: wait), wait, static (_, s) =>
            {
                s.Session.TimeOut(s.Call, s.Timeout);
                return System.Reactive.Disposables.Disposable.Empty;
            }),
            cancellationToken.CanBeCanceled
                ? cancellationToken.Register(static state =>
                {
                    var (session, pending, token) = ((JsonRpcSession, PendingCall, CancellationToken))state!;
                    session.Cancel(pending, token);
                }, (this, call, cancellationToken))
                : default);

        try
        {
            await Connection.SendAsync(Frame.FromUtf8(request), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The caller gets the send's own error; the reply task nobody will await must not fault unobserved.
            _pending.TryRemove(id, out _);
            call.Abandon();
            throw;
        }

        return await call.Reply.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops reading the connection, fails every pending call and completes <see cref="Notifications"/>; the
    /// connection itself is left open.
    /// </summary>
    public void Dispose()
    {
        _frames.Dispose();
        End(new ConnectionLostException("The JSON-RPC session was disposed before the reply arrived.") { ConnectionId = Connection.Id }, _notifications.OnCompleted);
    }

    private byte[] WriteRequest(long id, string method, object? parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteNumber("id"u8, id);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            switch (parameters)
            {
                case null:
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                    break;
                case JsonElement element:
                    element.WriteTo(writer);
                    break;
                default:
                    JsonSerializer.Serialize(writer, parameters, parameters.GetType(), _options.SerializerOptions);
                    break;
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void OnFrame(FrameView frame)
    {
        if (frame.Kind is FrameKind.Ping or FrameKind.Pong or FrameKind.Close)
        {
            // Keep-alive traffic, which the connection answers, and the close, which ends the connection (and with it
            // every pending call): not messages of this protocol, nothing to skip.
            return;
        }

        var payload = frame.Payload;
        if (_channels is not null && frame.Kind == FrameKind.Text
            && NotificationShortcut.TryFindData(payload, out var channel, out var value))
        {
            if (OfferChannel(payload[channel], payload[value]))
            {
                return;
            }

            // The element is kept by its subscribers, so its document needs bytes of its own: data's, not the frame's.
            if (NotificationShortcut.TryParseLent(payload[value], ref _dataScratch, out var data))
            {
                DeliverChannel(payload[channel], data);
                return;
            }
        }

        // Replies and notifications hand out elements that outlive this call: the frame is copied, once.
        var message = JsonRpcMessage.Read(frame.ToFrame());
        switch (message.Kind)
        {
            case JsonRpcMessageKind.Result:
                if (_pending.TryRemove(message.Id, out var answered))
                {
                    answered.Succeed(message.Body);
                }
                else
                {
                    Skip(message.Id);
                }

                break;

            case JsonRpcMessageKind.Error:
                if (_pending.TryRemove(message.Id, out var refused))
                {
                    refused.Fail(ToException(refused.Method, message.Body));
                }
                else
                {
                    Skip(message.Id);
                }

                break;

            case JsonRpcMessageKind.Notification:
                Publish(new JsonRpcNotification(message.Method!, message.Body));
                break;

            default:
                // Skipped, never fatal: the policy is docs/hostile-input.md.
                Interlocked.Increment(ref _skipped);
                JsonRpcLog.Skipped(_logger, Connection.Id, message.Problem!);
                break;
        }
    }

    /// <summary>The session's frames, read as views; kept apart so the session itself exposes no observer methods.</summary>
    private sealed class ViewReader(JsonRpcSession session) : IFrameViewObserver
    {
        public void OnNext(FrameView frame) => session.OnFrame(frame);

        public void OnError(Exception error) => session.OnConnectionEnded(error);

        public void OnCompleted() => session.OnConnectionEnded(null);
    }

    private void Skip(long id)
    {
        Interlocked.Increment(ref _skipped);
        JsonRpcLog.UnknownReply(_logger, Connection.Id, id);
    }

    private void Publish(JsonRpcNotification notification)
    {
        try
        {
            _notifications.OnNext(notification);
        }
#pragma warning disable CA1031 // A faulty observer must not end the connection it reads.
        catch (Exception error)
#pragma warning restore CA1031
        {
            JsonRpcLog.ObserverFailed(_logger, Connection.Id, error);
        }
    }

    private bool OfferChannel(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> data)
    {
        try
        {
            return _channels!.TryTakeChannelMessage(channel, data);
        }
#pragma warning disable CA1031 // A faulty observer must not end the connection it reads.
        catch (Exception error)
#pragma warning restore CA1031
        {
            JsonRpcLog.ObserverFailed(_logger, Connection.Id, error);
            return true;
        }
    }

    private void DeliverChannel(ReadOnlySpan<byte> channel, JsonElement data)
    {
        try
        {
            _channels!.OnChannelMessage(channel, data);
        }
#pragma warning disable CA1031 // A faulty observer must not end the connection it reads.
        catch (Exception error)
#pragma warning restore CA1031
        {
            JsonRpcLog.ObserverFailed(_logger, Connection.Id, error);
        }
    }

    private static JsonRpcException ToException(string method, JsonElement error)
    {
        var code = error.TryGetProperty("code"u8, out var c) && c.TryGetInt32(out var n) ? n : 0;
        var text = error.TryGetProperty("message"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        JsonElement? data = error.TryGetProperty("data"u8, out var d) ? d : null;
        return new JsonRpcException(method, code, text, data);
    }

    private void OnConnectionEnded(Exception? error)
    {
        var lost = new ConnectionLostException(
            error is null ? "The connection closed before the reply arrived." : $"The connection was lost before the reply arrived: {error.Message}",
            error) { ConnectionId = Connection.Id };
        End(lost, notify: () =>
        {
            if (error is null)
            {
                _notifications.OnCompleted();
            }
            else
            {
                _notifications.OnError(error);
            }
        });
    }

    private void End(ConnectionLostException lost, Action? notify)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (!_pending.IsEmpty)
        {
            JsonRpcLog.FailingPending(_logger, Connection.Id, _pending.Count);
        }

        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.Fail(lost);
            }
        }

        notify?.Invoke();
    }

    private void TimeOut(PendingCall call, TimeSpan timeout)
    {
        if (_pending.TryRemove(call.Id, out _))
        {
            JsonRpcLog.TimedOut(_logger, Connection.Id, call.Method, call.Id, timeout.TotalMilliseconds);
            call.Fail(new JsonRpcTimeoutException(call.Method, call.Id, timeout));
        }
    }

    private void Cancel(PendingCall call, CancellationToken token)
    {
        if (_pending.TryRemove(call.Id, out _))
        {
            call.Cancel(token);
        }
    }

    private void ThrowIfEnded()
    {
        if (_ended)
        {
            throw new NotConnectedException($"Connection {Connection.Id} has ended; the request was not sent.") { ConnectionId = Connection.Id };
        }
    }
}
