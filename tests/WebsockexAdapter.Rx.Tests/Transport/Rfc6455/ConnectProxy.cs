using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WebsockexAdapter.Rx.Tests.Loopback;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// An HTTP proxy on 127.0.0.1 for tests, over <see cref="RawTcpServer"/>: it records each request head it is sent
/// (the CONNECT and its headers), then does what the test says: open the tunnel and relay both ways to a loopback
/// server, answer with given bytes, or say nothing.
/// </summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ChangeSignal _changes = new();
    private readonly RawTcpServer _server;

    private ConnectProxy(Func<Stream, Task> afterRequest)
    {
        _server = RawTcpServer.Start(async (client, _) =>
        {
            _requests.Enqueue(await ServerWire.ReadRequestAsync(client));
            _changes.Notify();
            await afterRequest(client);
        });
    }

    /// <summary>The request heads received, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>
    /// This proxy for <see cref="ClientOptions.Proxy"/>. Loopback would be bypassed by default, and a test's proxy is
    /// on loopback; each test passes its own proxy, so none sets process-wide environment variables.
    /// </summary>
    public WebProxy Proxy(ICredentials? credentials = null) =>
        new($"http://127.0.0.1:{_server.Port}") { BypassProxyOnLocal = false, Credentials = credentials };

    public Uri Address => new($"http://127.0.0.1:{_server.Port}/");

    /// <summary>Answers 200 and relays the tunnel to the loopback server on <paramref name="port"/>, whatever host the CONNECT named.</summary>
    public static ConnectProxy Relaying(int port) => new(async client =>
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, port);
        await ServerWire.WriteAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray());
        var server = upstream.GetStream();
        var toServer = client.CopyToAsync(server);
        var toClient = server.CopyToAsync(client);
        await Task.WhenAny(toServer, toClient);

        // One side hung up: end the other, then observe both copies (the server ignores the errors of a hang-up).
        upstream.Dispose();
        await client.DisposeAsync();
        await Task.WhenAll(toServer, toClient);
    });

    /// <summary>Answers every request with <paramref name="answer"/> in one write, then waits for the client to hang up.</summary>
    public static ConnectProxy Answering(string answer) => new(async client =>
    {
        await ServerWire.WriteAsync(client, Encoding.ASCII.GetBytes(answer));
        await ServerWire.WaitForHangUpAsync(client);
    });

    /// <summary>Reads the request and never answers.</summary>
    public static ConnectProxy Silent() => new(ServerWire.WaitForHangUpAsync);

    /// <summary>Completes once <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count, TimeSpan timeout) => _changes.WaitUntilAsync(() => _requests.Count >= count, timeout);

    /// <summary>Whatever the proxy's scripts threw other than a hang-up.</summary>
    public IReadOnlyCollection<Exception> ScriptErrors => _server.ScriptErrors;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
