using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace WebsockexAdapter.Rx.Simulator.Tests.Support;

/// <summary>
/// A plain <see cref="ClientWebSocket"/> with a background reader: every message goes to an inbox the test awaits
/// with a timeout (never sleeps). It answers <c>test_request</c> with <c>public/test</c> unless told not to.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>();
    private readonly TaskCompletionSource<ConnectionEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    private TestClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>Whether the reader answers test_requests; read each time one arrives.</summary>
    public bool AnswerTestRequests { get; set; } = true;

    public Task<ConnectionEnd> Ended => _ended.Task;

    public static async Task<TestClient> ConnectAsync(DeribitSimulator simulator) => await ConnectAsync(simulator.Uri);

    public static async Task<TestClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        var client = new TestClient(socket);
        client._reader = Task.Run(client.ReadLoopAsync);
        return client;
    }

    public Task SendTextAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await Socket.SendAsync(bytes, WebSocketMessageType.Text, true, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a request with the next integer id; returns the id.</summary>
    public async Task<int> SendRequestAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendTextAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method, @params = parameters ?? new { } }));
        return id;
    }

    /// <summary>Sends a request and awaits its reply (the whole message).</summary>
    public async Task<JsonElement> RequestAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        var id = await SendRequestAsync(method, parameters);
        return (await WaitForAsync(m => m.HasId(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), timeout)).Json!.Value;
    }

    /// <summary>Sends a request and returns its <c>result</c>; fails the test if the reply is an error.</summary>
    public async Task<JsonElement> ResultAsync(string method, object? parameters = null)
    {
        var reply = await RequestAsync(method, parameters);
        Assert.True(reply.TryGetProperty("result", out var result), $"{method} answered {reply}");
        return result;
    }

    /// <summary>Sends a request and returns its <c>error</c>; fails the test if the reply is a result.</summary>
    public async Task<JsonElement> ErrorAsync(string method, object? parameters = null)
    {
        var reply = await RequestAsync(method, parameters);
        Assert.True(reply.TryGetProperty("error", out var error), $"{method} answered {reply}");
        return error;
    }

    public Task<JsonElement> AuthenticateAsync(string clientId = SimulatorOptions.DefaultClientId, string secret = SimulatorOptions.DefaultClientSecret) =>
        ResultAsync("public/auth", new { grant_type = "client_credentials", client_id = clientId, client_secret = secret });

    /// <summary>The next message, whatever it is.</summary>
    public async Task<Received> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _inbox.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
    }

    /// <summary>Reads (and drops) messages until one matches.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var message = await _inbox.Reader.ReadAsync(cts.Token);
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching message within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection ended before a matching message arrived: {await Ended}");
        }
    }

    /// <summary>
    /// Reads (and drops) messages until <paramref name="count"/> have matched, all within one <paramref name="timeout"/>:
    /// a feature that only makes the stream slower fails here instead of passing slowly.
    /// </summary>
    public async Task CountAsync(Func<Received, bool> match, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var matched = 0;
        try
        {
            while (matched < count)
            {
                var message = await _inbox.Reader.ReadAsync(cts.Token);
                matched += match(message) ? 1 : 0;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{matched} of {count} matching messages within {timeout.TotalSeconds} s.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection ended after {matched} of {count} matching messages: {await Ended}");
        }
    }

    /// <summary>Reads messages (collecting them) until the connection ends; returns how it ended.</summary>
    public async Task<(ConnectionEnd End, List<Received> Messages)> WaitForEndAsync(TimeSpan? timeout = null)
    {
        var end = await Ended.WaitAsync(timeout ?? DefaultTimeout);
        var messages = new List<Received>();
        while (_inbox.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return (end, messages);
    }

    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _sendLock.WaitAsync(timeout.Token);
        try
        {
            await Socket.CloseOutputAsync(status, "test done", timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }

        await Ended.WaitAsync(DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Socket.Abort();
        await _reader.WaitAsync(DefaultTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        Socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (Socket.State == WebSocketState.CloseReceived)
                    {
                        using var timeout = new CancellationTokenSource(DefaultTimeout);
                        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                    }

                    _ended.TrySetResult(new ConnectionEnd(Socket.CloseStatus, Socket.CloseStatusDescription, null));
                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var received = new Received(message.WrittenSpan.ToArray(), result.MessageType);
                message.ResetWrittenCount();
                if (AnswerTestRequests && received.IsHeartbeat("test_request"))
                {
                    _ = SendRequestAsync("public/test");
                }

                _inbox.Writer.TryWrite(received);
            }
        }
        catch (Exception error)
        {
            _ended.TrySetResult(new ConnectionEnd(null, null, error));
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
