using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>One thing the writer loop sends: a text frame, or the close frame that ends sending.</summary>
internal readonly record struct OutboundMessage(
    ReadOnlyMemory<byte> Payload,
    bool IsClose = false,
    WebSocketCloseStatus CloseStatus = WebSocketCloseStatus.NormalClosure,
    string? CloseReason = null,
    bool Throttled = false)
{
    public static OutboundMessage Close(WebSocketCloseStatus status, string? reason) => new(default, true, status, reason);
}
