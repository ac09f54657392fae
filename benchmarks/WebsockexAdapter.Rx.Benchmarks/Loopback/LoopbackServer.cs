using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Web;

namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>
/// A WebSocket server on 127.0.0.1 for the benchmarks, written on raw sockets so that it costs next to nothing per
/// message and the client's receive path is what is measured. What a connection gets depends on the request path:
/// <list type="bullet">
/// <item><c>/blast?messages=N</c>: a book snapshot and N-1 changes as fast as the socket takes them; then it waits for
/// the client's close. With <c>&amp;after=subscribe</c> it first answers JSON-RPC requests (the channels for a
/// subscribe, "ok" for anything else) and starts the blast after the reply to the first subscribe.</item>
/// <item><c>/stamped?messages=N&amp;rate=R</c>: answers JSON-RPC requests until the first subscribe, sends the
/// snapshot, waits for <see cref="Go"/>, then sends N-1 changes: R a second, each with the sending moment in its
/// <c>timestamp</c> (<see cref="MonotonicClock"/> microseconds, not epoch milliseconds), or with R = 0 the blast's
/// batches as fast as the socket takes them. Many connections start on one <see cref="Go"/>.</item>
/// <item><c>/drop?messages=N</c>: N messages, then the TCP connection is closed without a closing handshake.</item>
/// <item><c>/idle</c>: nothing; pings are answered, and a close is echoed.</item>
/// <item>On every route, once the server has nothing more to send: JSON-RPC requests are answered, pings too, and the
/// client's close is echoed.</item>
/// </list>
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ServerConnection, Task> _connections = new();
    private readonly Task _acceptLoop;
    private readonly object _idleGate = new();
    private TaskCompletionSource? _idle;
    private readonly TaskCompletionSource _go = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private int _lastHold;
    private int _failures;
    private int _accepted;

    private LoopbackServer()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>The book stream every blast sends.</summary>
    public BookBlast Blast { get; } = new();

    /// <summary>Connections that ended with an error other than the client going away mid-stream.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public int ActiveConnections => _connections.Count;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public static LoopbackServer Start() => new();

    public Uri BlastUri(int messages, bool afterSubscribe = false, Feed feed = Feed.Book, string? hold = null) =>
        new($"ws://127.0.0.1:{Port}/blast?messages={messages}{(afterSubscribe ? "&after=subscribe" : "")}{(feed == Feed.Book ? "" : $"&feed={feed}")}{(hold is null ? "" : $"&hold={hold}")}");

    /// <summary>
    /// A hold for one blast after a subscribe (pass its id to <see cref="BlastUri"/>): the server answers the subscribe,
    /// then waits until <paramref name="release"/> is called before it sends the first message.
    /// </summary>
    public string HoldBlast(out Action release)
    {
        var id = Interlocked.Increment(ref _lastHold).ToString(CultureInfo.InvariantCulture);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds[id] = gate;
        release = () =>
        {
            _holds.TryRemove(id, out _);
            gate.TrySetResult();
        };
        return id;
    }

    /// <summary>The payload bytes of a blast of <paramref name="messages"/> messages of <paramref name="feed"/>.</summary>
    public long PayloadBytes(Feed feed, int messages) => feed switch
    {
        Feed.Ticker => RepeatingBlast.Ticker.PayloadBytes(messages),
        Feed.Trades => RepeatingBlast.Trades.PayloadBytes(messages),
        _ => Blast.PayloadBytes(messages),
    };

    public Uri StampedUri(int messages, int rate) =>
        new(FormattableString.Invariant($"ws://127.0.0.1:{Port}/stamped?messages={messages}&rate={rate}"));

    /// <summary>Starts the changes of every <c>/stamped</c> connection, now and later.</summary>
    public void Go() => _go.TrySetResult();

    public Uri DropUri(int messages) => new($"ws://127.0.0.1:{Port}/drop?messages={messages}");

    public Uri IdleUri => new($"ws://127.0.0.1:{Port}/idle");

    /// <summary>What each open connection is waiting for, e.g. "2 open: upgrade, answering".</summary>
    public string DescribeOpen() =>
        $"{_connections.Count} open: {string.Join(", ", _connections.Keys.Select(c => c.Stage))}";

    /// <summary>Completes when no connection is open on the server side.</summary>
    public Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            if (_connections.IsEmpty)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                // A client that gave up before it was accepted; the next one is not its business.
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            socket.NoDelay = true;
            var connection = new ServerConnection(socket);
            var served = new TaskCompletionSource();
            _connections[connection] = served.Task;
            _ = ServeAsync(connection).ContinueWith(
                (_, state) => ((TaskCompletionSource)state!).SetResult(),
                served,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(ServerConnection connection)
    {
        try
        {
            var target = await connection.AcceptUpgradeAsync(_stop.Token).ConfigureAwait(false);
            var path = target.Split('?')[0];
            var query = HttpUtility.ParseQueryString(target.Contains('?', StringComparison.Ordinal) ? target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "");
            var messages = int.Parse(query["messages"] ?? "0", CultureInfo.InvariantCulture);
            switch (path)
            {
                case "/blast":
                    connection.Stage = "blast";
                    if (query["after"] == "subscribe")
                    {
                        await AnswerUntilSubscribedAsync(connection).ConfigureAwait(false);
                    }

                    if (query["hold"] is { } hold && _holds.TryGetValue(hold, out var gate))
                    {
                        await gate.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
                    }

                    switch (query["feed"])
                    {
                        case nameof(Feed.Ticker):
                            await SendRepeatingAsync(connection, RepeatingBlast.Ticker, messages).ConfigureAwait(false);
                            break;
                        case nameof(Feed.Trades):
                            await SendRepeatingAsync(connection, RepeatingBlast.Trades, messages).ConfigureAwait(false);
                            break;
                        default:
                            await SendBookAsync(connection, messages).ConfigureAwait(false);
                            break;
                    }

                    await AnswerUntilClosedAsync(connection).ConfigureAwait(false);
                    break;
                case "/stamped":
                    connection.Stage = "stamped";
                    await AnswerUntilSubscribedAsync(connection).ConfigureAwait(false);
                    await connection.SendAsync(Blast.SnapshotFrame, _stop.Token).ConfigureAwait(false);
                    await _go.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
                    var rate = int.Parse(query["rate"] ?? "0", CultureInfo.InvariantCulture);
                    await (rate > 0 ? SendPacedAsync(connection, messages, rate) : SendChangesAsync(connection, messages)).ConfigureAwait(false);
                    await AnswerUntilClosedAsync(connection).ConfigureAwait(false);
                    break;
                case "/drop":
                    connection.Stage = "drop";
                    await SendBookAsync(connection, messages).ConfigureAwait(false);
                    connection.Drop();
                    break;
                default:
                    await AnswerUntilClosedAsync(connection).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException or EndOfStreamException)
        {
            // The client went away or the server is stopping: the normal ends of a benchmark connection.
        }
#pragma warning disable CA1031 // Anything else is counted, so a suite can report that its server misbehaved.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
            SignalIfIdle();
        }
    }

    private void SignalIfIdle()
    {
        TaskCompletionSource? idle = null;
        lock (_idleGate)
        {
            if (_connections.IsEmpty)
            {
                idle = _idle;
                _idle = null;
            }
        }

        idle?.SetResult();
    }

    private async Task SendBookAsync(ServerConnection connection, int messages)
    {
        if (messages <= 0)
        {
            return;
        }

        await connection.SendAsync(Blast.SnapshotFrame, _stop.Token).ConfigureAwait(false);
        await SendChangesAsync(connection, messages).ConfigureAwait(false);
    }

    /// <summary>The changes after the snapshot, as fast as the socket takes them.</summary>
    private async Task SendChangesAsync(ServerConnection connection, int messages)
    {
        var batch = Blast.NewBatch();
        var nextId = BookNotifications.FirstChangeId + 1;
        for (var remaining = messages - 1; remaining > 0;)
        {
            var count = Math.Min(BookBlast.BatchSize, remaining);
            await connection.SendAsync(batch.Next(nextId, count), _stop.Token).ConfigureAwait(false);
            nextId += count;
            remaining -= count;
        }
    }

    private async Task SendRepeatingAsync(ServerConnection connection, RepeatingBlast blast, int messages)
    {
        for (var remaining = messages; remaining > 0;)
        {
            var count = Math.Min(RepeatingBlast.BatchSize, remaining);
            await connection.SendAsync(blast.Frames.AsMemory(0, blast.FrameEnds[count - 1]), _stop.Token).ConfigureAwait(false);
            remaining -= count;
        }
    }

    /// <summary>
    /// The changes after the snapshot, <paramref name="rate"/> a second on average: each wake-up (about every
    /// millisecond) sends the ones that are due, each stamped as it is framed, so a late wake-up shows as latency.
    /// </summary>
    private async Task SendPacedAsync(ServerConnection connection, int messages, int rate)
    {
        var start = MonotonicClock.Microseconds();
        for (var i = 1; i < messages;)
        {
            var due = (long)((i - 1) * (1_000_000.0 / rate));
            if (MonotonicClock.Microseconds() - start < due)
            {
                await Task.Delay(1, _stop.Token).ConfigureAwait(false);
                continue;
            }

            var change = BookNotifications.Change(BookNotifications.FirstChangeId + i, i - 1, MonotonicClock.Microseconds());
            await connection.SendFrameAsync(ServerFrames.Text, change, _stop.Token).ConfigureAwait(false);
            i++;
        }
    }

    private async Task AnswerUntilClosedAsync(ServerConnection connection)
    {
        connection.Stage = "waiting for the client's close";
        while (await connection.ReadFrameAsync(_stop.Token).ConfigureAwait(false) is { } frame)
        {
            if (frame.Opcode == ServerFrames.Close)
            {
                await connection.SendFrameAsync(ServerFrames.Close, frame.Payload.Span, _stop.Token).ConfigureAwait(false);
                return;
            }

            if (frame.Opcode == ServerFrames.Ping)
            {
                await connection.SendFrameAsync(ServerFrames.Pong, frame.Payload.Span, _stop.Token).ConfigureAwait(false);
            }
            else if (frame.Opcode == ServerFrames.Text)
            {
                // A JSON-RPC client may still ask something on its way out (an adapter unsubscribing, say).
                await connection.SendFrameAsync(ServerFrames.Text, Reply(frame.Payload.Span).Reply, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task AnswerUntilSubscribedAsync(ServerConnection connection)
    {
        while (await connection.ReadFrameAsync(_stop.Token).ConfigureAwait(false) is { } frame)
        {
            if (frame.Opcode == ServerFrames.Ping)
            {
                await connection.SendFrameAsync(ServerFrames.Pong, frame.Payload.Span, _stop.Token).ConfigureAwait(false);
                continue;
            }

            if (frame.Opcode != ServerFrames.Text)
            {
                throw new IOException($"The client sent opcode {frame.Opcode} before subscribing.");
            }

            var (reply, subscribed) = Reply(frame.Payload.Span);
            await connection.SendFrameAsync(ServerFrames.Text, reply, _stop.Token).ConfigureAwait(false);
            if (subscribed)
            {
                return;
            }
        }

        throw new EndOfStreamException("The client left before subscribing.");
    }

    /// <summary>The reply to one JSON-RPC request: the channels for a subscribe, "ok" for anything else.</summary>
    private static (byte[] Reply, bool Subscribed) Reply(ReadOnlySpan<byte> request)
    {
        using var json = JsonDocument.Parse(request.ToArray());
        var root = json.RootElement;
        var method = root.GetProperty("method").GetString() ?? "";
        var subscribed = method.EndsWith("/subscribe", StringComparison.Ordinal);
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            root.GetProperty("id").WriteTo(writer);
            writer.WritePropertyName("result");
            if (subscribed && root.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("channels", out var channels))
            {
                channels.WriteTo(writer);
            }
            else
            {
                writer.WriteStringValue("ok");
            }

            writer.WriteEndObject();
        }

        return (output.ToArray(), subscribed);
    }
}
