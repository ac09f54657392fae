using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Simulator.Tests.Support;

/// <summary>How the server ended a test client's connection: a close frame, or an error (no close frame).</summary>
public sealed record ConnectionEnd(WebSocketCloseStatus? CloseStatus, string? CloseDescription, Exception? Error)
{
    public bool IsCloseFrame => CloseStatus is not null;
}
