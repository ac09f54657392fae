using System.Collections.Concurrent;
using System.Globalization;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Concurrency;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.AdapterKit.Tests.Adapter;

/// <summary>Where and who: the client options carry the scheduler, the transport and the logging.</summary>
public sealed record OpAdapterOptions(Uri Url, string ApiKey, string ApiSecret)
{
    public ClientOptions Client { get; init; } = new();
    public BackoffOptions Backoff { get; init; } = new();
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>One restored connection: logged in, every wanted topic subscribed again.</summary>
public sealed record OpSession(int Epoch, string ConnectionId);

/// <summary>One data message and the epoch of the connection that brought it: a new epoch means start from its snapshot.</summary>
public sealed record TopicMessage(string Topic, int Epoch, JsonElement Data);

/// <summary>The exchange answered <c>success: false</c>. A refused login is not retried: no reconnect can fix a bad key.</summary>
public sealed class OpRefusedException(string op, string reason) : Exception($"The exchange refused {op}: {reason}")
{
    public string Op { get; } = op;
}

/// <summary>A Bybit-v5-style adapter (<c>op: auth / subscribe / ping</c>) on WebsockexAdapter.Rx's public API only.</summary>
public sealed class OpAdapter : IDisposable
{
    private readonly OpAdapterOptions _options;
    private readonly WebSocketClient _client;
    private readonly SharedObservable<OpSession> _sessions;
    private readonly Subject<TopicMessage> _messages = new();
    private readonly Subject<(string Topic, bool Add)> _changes = new();
    private readonly ConcurrentDictionary<string, int> _wanted = new(); // topic -> subscribers; written under its own lock

    public OpAdapter(OpAdapterOptions options)
    {
        _options = options;
        // One layer retries: ConnectOnce never retries (nor does the client, retry off); Supervise does.
        _client = new WebSocketClient(options.Url, options.Client with { ReconnectOnError = false });
        var supervision = new SupervisionOptions { Backoff = options.Backoff, ShouldRetry = error => error is not OpRefusedException { Op: "auth" } && TransientErrors.IsTransient(error) };
        // Supervise hands each new connection to Restore; SharedObservable shares that one pipeline among every subscriber.
        _sessions = new SharedObservable<OpSession>(_client.ConnectOnce().Supervise(Restore, supervision, options.Client.Scheduler));
        Sessions = new GuardedObservable<OpSession>(_sessions, options.Client.LoggerFactory.CreateLogger<OpAdapter>(), "Sessions", static () => "-");
    }

    /// <summary>Each restored connection; subscribing connects, like subscribing to a topic. An observer that throws is cut off alone.</summary>
    public IObservable<OpSession> Sessions { get; }

    /// <summary>A topic's messages, on every connection to come; an observer that throws is cut off alone.</summary>
    public IObservable<TopicMessage> Subscribe(string topic) => new GuardedObservable<TopicMessage>(
        Observable.Create<TopicMessage>(observer =>
        {
            Want(topic, add: true);
            var data = _messages.Where(m => m.Topic == topic).Subscribe(observer);
            var connection = _sessions.Subscribe(static _ => { }, observer.OnError);
            return new CompositeDisposable(connection, data, Disposable.Create(() => Want(topic, add: false)));
        }),
        _options.Client.LoggerFactory.CreateLogger<OpAdapter>(), topic, static () => "-");

    public void Dispose()
    {
        _sessions.Dispose();
        _client.Dispose();
        _messages.OnCompleted();
    }

    /// <summary>Per connection: log in, subscribe every wanted topic, then keep the connection (topics, pings) until it ends.</summary>
    private IObservable<OpSession> Restore(SupervisedConnection supervised) => ObservableAsync.Create<OpSession>(async (observer, cancellation) =>
    {
        var (connection, scheduler) = (supervised.Connection, _options.Client.Scheduler);
        var pending = new ConcurrentDictionary<string, TaskCompletionSource<JsonElement>>();
        var lastId = 0;
        var ended = new TaskCompletionSource();
        var changes = _changes.Replay(); // topics wanted or dropped while restoring are sent once live
        using var listening = changes.Connect();
        // Views, not Frames: each message is parsed at once, so it need not be copied out of the socket's buffer first.
        using var frames = connection.SubscribeViews(OnText, e => ended.TrySetException(e), () => ended.TrySetResult());

        async Task Call(string op, params string[] args)
        {
            var id = Interlocked.Increment(ref lastId).ToString(CultureInfo.InvariantCulture);
            var reply = pending[id] = new TaskCompletionSource<JsonElement>();
            using var timeout = scheduler.Schedule(_options.ReplyTimeout, () => reply.TrySetException(new TimeoutException($"No answer to {op} in {_options.ReplyTimeout}.")));
            await connection.SendTextAsync(JsonSerializer.Serialize(new { op, req_id = id, args }), cancellation).ConfigureAwait(false);
            var answer = await reply.Task.ConfigureAwait(false);
            if (!answer.GetProperty("success").GetBoolean())
            {
                throw new OpRefusedException(op, answer.GetProperty("ret_msg").GetString() ?? "");
            }
        }

        // A step that fails once live (a topic change, a ping) ends the connection; continued here, not on the thread pool.
        void Keep(Task step) => step.ContinueWith(t => ended.TrySetException(t.Exception!.InnerExceptions), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        void OnText(FrameView frame)
        {
            if (frame.Kind != FrameKind.Text)
            {
                return;
            }

            var reader = new Utf8JsonReader(frame.Payload);
            using var document = JsonDocument.ParseValue(ref reader); // a copy of the JSON: the elements kept are Clone()d from it
            var root = document.RootElement;
            if (root.TryGetProperty("topic", out var topic))
            {
                _messages.OnNext(new TopicMessage(topic.GetString()!, supervised.Epoch, root.GetProperty("data").Clone()));
            }
            else if (root.GetProperty("op").GetString() == "ping")
            {
                Keep(connection.SendTextAsync("""{"op":"pong"}""", cancellation).AsTask());
            }
            else if (root.TryGetProperty("req_id", out var id) && pending.TryRemove(id.GetString() ?? "", out var reply))
            {
                reply.TrySetResult(root.Clone());
            }
        }

        var expires = scheduler.Now.AddSeconds(10).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await Call("auth", _options.ApiKey, expires, Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.ApiSecret), Encoding.UTF8.GetBytes($"GET/realtime{expires}")))).ConfigureAwait(false);
        if (_wanted.Keys is { Count: > 0 } topics)
        {
            await Call("subscribe", [.. topics.Order(StringComparer.Ordinal)]).ConfigureAwait(false);
        }

        observer.OnNext(new OpSession(supervised.Epoch, connection.Id));
        using var follow = changes.Subscribe(c => Keep(Call(c.Add ? "subscribe" : "unsubscribe", c.Topic)));
        using var heartbeat = Observable.Interval(_options.PingInterval, scheduler).Subscribe(_ => Keep(Call("ping")));
        await ended.Task.WaitAsync(cancellation).ConfigureAwait(false);
    });

    private void Want(string topic, bool add)
    {
        lock (_wanted)
        {
            if ((_wanted[topic] = _wanted.GetValueOrDefault(topic) + (add ? 1 : -1)) is var count && count == 0)
            {
                _wanted.TryRemove(topic, out _);
            }

            if (count == (add ? 1 : 0))
            {
                _changes.OnNext((topic, add)); // under the lock, so a connection gets the changes in the order they were made
            }
        }
    }
}
