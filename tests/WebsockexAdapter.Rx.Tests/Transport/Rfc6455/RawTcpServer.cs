using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// A TCP listener on 127.0.0.1 whose every connection runs the test's script on the raw stream (with
/// <see cref="ServerWire"/> to write exact bytes). Disposing it closes every connection, so no script outlives the test.
/// </summary>
internal sealed class RawTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<TcpClient> _clients = new();
    private readonly ConcurrentQueue<Task> _scripts = new();
    private readonly Func<Stream, int, Task> _script;
    private readonly Task _accepting;

    private RawTcpServer(Func<Stream, int, Task> script)
    {
        _script = script;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri Uri => new($"ws://127.0.0.1:{Port}/ws");

    /// <summary>What the scripts threw other than the client going away, for a failing test's message.</summary>
    public ConcurrentQueue<Exception> ScriptErrors { get; } = new();

    /// <summary>Starts a server; the script gets each connection's stream and its index from 0.</summary>
    public static RawTcpServer Start(Func<Stream, int, Task> script) => new(script);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.WhenAll(_scripts).WaitAsync(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptAsync()
    {
        for (var index = 0; ; index++)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped (InvalidOperationException: stopped before this accept began).
                return;
            }

            _clients.Enqueue(client);
            _scripts.Enqueue(RunAsync(client, index));
        }
    }

    private async Task RunAsync(TcpClient client, int index)
    {
        try
        {
            using (client)
            {
                await _script(client.GetStream(), index);
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
            // The client hung up, or the server is stopping.
        }
#pragma warning disable CA1031 // Kept for the test to report; the server itself must not fail.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ScriptErrors.Enqueue(error);
        }
    }
}
