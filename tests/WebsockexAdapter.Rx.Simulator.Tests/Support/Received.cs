using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Tests.Support;

/// <summary>One message the test client received, raw, with its JSON when it parses.</summary>
public sealed class Received(byte[] bytes, WebSocketMessageType type)
{
    private readonly Lazy<JsonElement?> _json = new(() =>
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    });

    public byte[] Bytes { get; } = bytes;

    public WebSocketMessageType Type { get; } = type;

    public JsonElement? Json => _json.Value;

    public string Text => Encoding.UTF8.GetString(Bytes);

    public string? Method => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("method", out var m) ? m.GetString() : null;

    public string? Channel => Method == "subscription" ? Json!.Value.GetProperty("params").GetProperty("channel").GetString() : null;

    public bool IsHeartbeat(string type) =>
        Method == "heartbeat" && Json!.Value.GetProperty("params").GetProperty("type").GetString() == type;

    public bool HasId(string idJson) =>
        Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("id", out var id) && id.GetRawText() == idJson;

    public override string ToString() => Text.Length > 300 ? Text[..300] + "..." : Text;
}
