using WebsockexAdapter.Rx.Testing;

namespace WebsockexAdapter.Rx.AdapterKit.Tests.Exchange;

/// <summary>The exchange on a <see cref="ScriptedTransport"/>: one <see cref="ExchangeSession"/> per socket, replies one millisecond of virtual time later.</summary>
internal sealed class ScriptedExchange
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(1);
    private readonly Dictionary<ScriptedSocket, ExchangeSession> _sessions = [];
    private readonly ScriptedTransport _transport;

    public ScriptedExchange(ScriptedTransport transport, string apiKey, string apiSecret)
    {
        _transport = transport;
        transport.OnClientFrame = (socket, frame) =>
        {
            if (frame.Kind != FrameKind.Text)
            {
                return;
            }

            if (!_sessions.TryGetValue(socket, out var session))
            {
                _sessions[socket] = session = new ExchangeSession(apiKey, apiSecret);
            }

            foreach (var reply in session.Answer(frame.Text))
            {
                socket.SendAfter(Latency, Frame.FromText(reply));
            }
        };
    }

    /// <summary>The exchange's side of the most recent connection that sent something.</summary>
    public ExchangeSession Last => _sessions[_transport.Sockets.Last(_sessions.ContainsKey)];

    /// <summary>The requests each socket received, in the order the sockets were opened.</summary>
    public IEnumerable<IReadOnlyList<string>> RequestsPerSocket =>
        _transport.Sockets.Select(s => _sessions.TryGetValue(s, out var session) ? session.Requests : []);

    /// <summary>Pushes a message on <paramref name="topic"/> to every open socket subscribed to it.</summary>
    public void Publish(string topic, string dataJson)
    {
        foreach (var (socket, session) in _sessions)
        {
            if (socket.State == ScriptedSocketState.Open && session.Publish(topic, dataJson) is { } message)
            {
                socket.SendText(message);
            }
        }
    }
}
