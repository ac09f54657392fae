using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.AdapterKit.Tests.Exchange;

/// <summary>
/// The exchange's side of one connection of a small Bybit-v5-style protocol, whatever carries it (a scripted socket on
/// virtual time, or Kestrel on loopback). Requests are <c>{"op":...,"req_id":...,"args":[...]}</c>; each is answered
/// <c>{"op":...,"req_id":...,"success":...,"ret_msg":...}</c>. <c>auth</c> takes <c>[key, expires, signature]</c>,
/// the signature being HMAC-SHA256 of <c>GET/realtime{expires}</c> in lower-case hex; <c>subscribe</c> is refused
/// before a successful <c>auth</c> (every topic here is private), which is what makes the restore's order matter.
/// Data is pushed as <c>{"topic":...,"data":...}</c>; a <c>ping</c> is answered unless <see cref="Silent"/>.
/// </summary>
internal sealed class ExchangeSession(string apiKey, string apiSecret)
{
    private readonly object _gate = new();
    private readonly List<string> _requests = [];
    private readonly HashSet<string> _topics = [];
    private bool _authenticated;

    /// <summary>When set, pings go unanswered (a stalled exchange).</summary>
    public bool Silent { get; set; }

    /// <summary>Every request received, as <c>op</c> or <c>op:arg,arg</c>, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The replies to one client message (none for a ping while <see cref="Silent"/>, or for a pong).</summary>
    public IReadOnlyList<string> Answer(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var op = root.GetProperty("op").GetString()!;
        var id = root.TryGetProperty("req_id", out var r) ? r.GetString() : null;
        string[] args = root.TryGetProperty("args", out var a) ? [.. a.EnumerateArray().Select(e => e.GetString()!)] : [];
        lock (_gate)
        {
            _requests.Add(args.Length == 0 || op == "auth" ? op : $"{op}:{string.Join(',', args)}");
            return op switch
            {
                "pong" => [],
                "ping" => Silent ? [] : [Reply(op, id, true, "pong")],
                "auth" => [Authenticate(args, id)],
                "subscribe" when !_authenticated => [Reply(op, id, false, "not authenticated")],
                "subscribe" => [Subscribe(args, id, add: true)],
                "unsubscribe" => [Subscribe(args, id, add: false)],
                _ => [Reply(op, id, false, $"unknown op {op}")],
            };
        }
    }

    /// <summary>The message carrying <paramref name="dataJson"/> on <paramref name="topic"/>, or null if this connection has not subscribed to it.</summary>
    public string? Publish(string topic, string dataJson)
    {
        lock (_gate)
        {
            return _topics.Contains(topic) ? $$"""{"topic":"{{topic}}","type":"snapshot","data":{{dataJson}}}""" : null;
        }
    }

    private string Authenticate(string[] args, string? id)
    {
        var expected = args.Length == 3
            ? Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.UTF8.GetBytes($"GET/realtime{args[1]}")))
            : "";
        _authenticated = args.Length == 3 && args[0] == apiKey && args[2] == expected;
        return Reply("auth", id, _authenticated, _authenticated ? "" : "invalid signature");
    }

    private string Subscribe(string[] topics, string? id, bool add)
    {
        foreach (var topic in topics)
        {
            _ = add ? _topics.Add(topic) : _topics.Remove(topic);
        }

        return Reply(add ? "subscribe" : "unsubscribe", id, true, "");
    }

    private static string Reply(string op, string? id, bool success, string message) =>
        JsonSerializer.Serialize(new { op, req_id = id, success, ret_msg = message });
}
