using System.Reactive.Concurrency;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>
/// A Deribit-shaped exchange played in memory on virtual time: it records every request (per connection, in order) and
/// answers each one after <see cref="Latency"/> with the exchange's usual reply, unless a test overrides the method in
/// <see cref="Handlers"/>. The adapter's restore, retries and timers can then be checked tick by tick.
/// </summary>
internal sealed class FakeExchange
{
    private int _tokens;

    public FakeExchange(TestScheduler scheduler)
    {
        Scheduler = scheduler;
        Transport = new ScriptedTransport(scheduler) { OnClientFrame = OnClientFrame };
    }

    public TestScheduler Scheduler { get; }

    public ScriptedTransport Transport { get; }

    public List<ReceivedCall> Calls { get; } = [];

    /// <summary>Overrides by method; returning <see cref="Answer.None"/> leaves the request unanswered.</summary>
    public Dictionary<string, Func<ReceivedCall, Answer?>> Handlers { get; } = new(StringComparer.Ordinal);

    /// <summary>How long each answer takes. The default is zero (one tick, as the test scheduler runs "now").</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>The <c>expires_in</c> of issued tokens, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 900;

    /// <summary>Channels the exchange does not know: left out of subscribe answers.</summary>
    public HashSet<string> UnknownChannels { get; } = new(StringComparer.Ordinal);

    public ScriptedSocket Socket(int index) => Transport.Sockets[index];

    public IReadOnlyList<string> Methods(int socket) => [.. Calls.Where(c => c.Socket == socket).Select(c => c.Method)];

    public IReadOnlyList<ReceivedCall> CallsOf(string method, int? socket = null) =>
        [.. Calls.Where(c => c.Method == method && (socket is null || c.Socket == socket))];

    public void Notify(string channel, string dataJson, int? socket = null) =>
        (socket is { } index ? Socket(index) : Transport.Last).SendText(
            $$$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{{channel}}}","data":{{{dataJson}}}}}""");

    public void Heartbeat(string type = "heartbeat") =>
        Transport.Last.SendText($$$"""{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"{{{type}}}"}}""");

    private void OnClientFrame(ScriptedSocket socket, Frame frame)
    {
        if (frame.Kind != FrameKind.Text)
        {
            return;
        }

        var request = JsonDocument.Parse(frame.Text).RootElement;
        var call = new ReceivedCall(
            socket.Index,
            request.GetProperty("id").GetInt64(),
            request.GetProperty("method").GetString()!,
            request.TryGetProperty("params", out var p) ? p : default,
            Scheduler.Clock);
        Calls.Add(call);
        var answer = Handlers.TryGetValue(call.Method, out var handler) ? handler(call) : Default(call);
        if (answer is not null)
        {
            socket.SendAfter(Latency, Frame.FromText(answer.ToJson(call.Id)));
        }
    }

    private Answer Default(ReceivedCall call) => call.Method switch
    {
        "public/set_heartbeat" or "private/enable_cancel_on_disconnect" or "public/disable_heartbeat" => Answer.Result("\"ok\""),
        "public/auth" => Answer.Result(Grant()),
        "public/subscribe" or "private/subscribe" =>
            Answer.Result(JsonSerializer.Serialize(call.Channels.Where(c => !UnknownChannels.Contains(c)))),
        "public/unsubscribe" or "private/unsubscribe" => Answer.Result(JsonSerializer.Serialize(call.Channels)),
        "public/test" => Answer.Result("""{"version":"1.2.26"}"""),
        _ => Answer.Result("{}"),
    };

    private string Grant()
    {
        var n = ++_tokens;
        return $$"""{"access_token":"access-{{n}}","expires_in":{{TokenLifetimeSeconds}},"refresh_token":"refresh-{{n}}","scope":"connection mainaccount","token_type":"bearer","enabled_features":[]}""";
    }
}
