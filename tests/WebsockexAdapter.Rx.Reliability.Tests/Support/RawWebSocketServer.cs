using System.Net;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// A TCP server on 127.0.0.1 that speaks just enough RFC 6455 to misbehave on purpose: each accepted connection runs
/// the test's script on a <see cref="RawPeer"/>, which writes the handshake and frames by hand. It counts the sockets
/// it holds, so a test can prove the client left none open. Every wait is bounded by the server's lifetime.
/// </summary>
internal sealed class RawWebSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Func<RawPeer, Task> _script;
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;
    private int _alive;
    private int _scriptFailures;

    private RawWebSocketServer(Func<RawPeer, Task> script)
    {
        _script = script;
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Uri = new Uri($"ws://127.0.0.1:{port}/ws");
        _accepting = AcceptAsync();
    }

    public Uri Uri { get; }

    /// <summary>Re-checked whenever a connection is accepted or released.</summary>
    public Conditions Changes { get; } = new();

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>TCP connections the server holds open now.</summary>
    public int Alive => Volatile.Read(ref _alive);

    /// <summary>Scripts that ended with an error other than the client going away.</summary>
    public int ScriptFailures => Volatile.Read(ref _scriptFailures);

    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Starts a server whose every connection runs <paramref name="script"/> (given the connection's 1-based number).</summary>
    public static RawWebSocketServer Start(Func<RawPeer, Task> script) => new(script);

    public Task WaitForAcceptedAsync(int count, TimeSpan timeout) =>
        Changes.WaitAsync(() => Accepted >= count, timeout, $"{count} TCP connections accepted (accepted {Accepted})");

    public Task WaitForAliveAsync(int count, TimeSpan timeout) =>
        Changes.WaitAsync(() => Alive == count, timeout, $"{count} TCP connections held open (holding {Alive})");

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
            Task[] connections;
            lock (_connections)
            {
                connections = [.. _connections];
            }

            await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Reported by the tests that count sockets; disposal itself must not hang.
        }

        _lifetime.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_lifetime.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_lifetime.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _alive);
            Changes.Notify();
            lock (_connections)
            {
                _connections.Add(RunAsync(client, number));
            }
        }
    }

    private async Task RunAsync(TcpClient client, int number)
    {
        try
        {
            using (client)
            {
                var peer = new RawPeer(client, number, _lifetime.Token);
                await _script(peer);
            }
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // The client hung up or the server is stopping: the ordinary ends of a hostile script.
        }
#pragma warning disable CA1031 // Counted, so a test can assert its script ran as written.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _scriptFailures);
        }
        finally
        {
            Interlocked.Decrement(ref _alive);
            Changes.Notify();
        }
    }
}
