using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>
/// An in-memory transport whose server side the test plays: each connection attempt creates a
/// <see cref="ScriptedSocket"/> that the test accepts, refuses, feeds frames, drops or closes, at whatever virtual
/// time it likes. Everything happens on the scheduler's thread, so tests are deterministic.
/// </summary>
public sealed class ScriptedTransport : IWebSocketTransportFactory
{
    private readonly List<ScriptedSocket> _sockets = [];

    /// <summary>Creates the transport.</summary>
    /// <param name="scheduler">The test's scheduler; the server's automatic answers (pongs, close echoes) are scheduled on it.</param>
    public ScriptedTransport(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
    }

    /// <summary>The scheduler the server side runs on.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>Every socket the client opened, in order.</summary>
    public IReadOnlyList<ScriptedSocket> Sockets => _sockets;

    /// <summary>
    /// What the server does when a client starts a handshake. The default accepts at once; set it to refuse, to
    /// answer later, or to leave the handshake hanging.
    /// </summary>
    public Action<ScriptedSocket> OnConnect { get; set; } = static socket => socket.Accept();

    /// <summary>Called for every frame a client sends (after it is recorded), to script a server's replies.</summary>
    public Action<ScriptedSocket, Frame>? OnClientFrame { get; set; }

    /// <summary>
    /// Whether sockets claim to do keep-alive themselves (as ClientWebSocket does). The default value is
    /// <see langword="false"/>: the client's own ping/pong keep-alive runs, on the scheduler.
    /// </summary>
    public bool HandlesKeepAlive { get; set; }

    /// <summary>Whether the server answers pings with pongs, one tick later. The default value is <see langword="true"/>.</summary>
    public bool AutoPong { get; set; } = true;

    /// <summary>Whether the server echoes a client's close frame, one tick later. The default value is <see langword="true"/>.</summary>
    public bool EchoClose { get; set; } = true;

    /// <summary>The socket of the most recent attempt.</summary>
    public ScriptedSocket Last => _sockets[^1];

    /// <summary>How many sockets are open now (accepted and not yet ended).</summary>
    public int OpenCount => _sockets.Count(static s => s.State == ScriptedSocketState.Open);

    /// <inheritdoc />
    public IWebSocketTransport Create(ClientOptions options)
    {
        var socket = new ScriptedSocket(this, _sockets.Count);
        _sockets.Add(socket);
        return socket;
    }
}
