using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace WebsockexAdapter.Rx.Tests.Loopback;

/// <summary>The server's end of one accepted WebSocket, as a test script drives it.</summary>
internal sealed class ServerSocket(int index, HttpContext context, WebSocket socket)
{
    /// <summary>Which upgrade request this is, from 0.</summary>
    public int Index { get; } = index;

    public WebSocket Socket { get; } = socket;

    /// <summary>The close status the client sent, once it sent one.</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    public string? ClientCloseDescription { get; private set; }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] payload) =>
        Socket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends one message split into these frames (a first frame and continuations).</summary>
    public async Task SendFragmentsAsync(WebSocketMessageType type, params byte[][] fragments)
    {
        for (var i = 0; i < fragments.Length; i++)
        {
            await Socket.SendAsync(fragments[i], type, endOfMessage: i == fragments.Length - 1, CancellationToken.None);
        }
    }

    /// <summary>Starts a closing handshake and waits for the client's answer.</summary>
    public Task CloseAsync(WebSocketCloseStatus status, string description) =>
        Socket.CloseAsync(status, description, CancellationToken.None);

    /// <summary>Breaks the TCP connection with a reset (RST), without any closing handshake.</summary>
    public void Reset()
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket tcp)
        {
            tcp.LingerState = new LingerOption(enable: true, seconds: 0);
        }

        context.Abort();
    }

    /// <summary>Reads one whole message; for a close, the type is Close and the client's status is recorded.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveAsync()
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloseStatus = Socket.CloseStatus;
                ClientCloseDescription = Socket.CloseStatusDescription;
                return (WebSocketMessageType.Close, []);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>Sends every message back until the client closes (answering its close) or goes away.</summary>
    public async Task EchoUntilClosedAsync()
    {
        while (true)
        {
            var (type, payload) = await ReceiveAsync();
            if (type == WebSocketMessageType.Close)
            {
                await AnswerCloseAsync();
                return;
            }

            await Socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None);
        }
    }

    /// <summary>Reads and drops messages until the client closes (answering its close) or goes away.</summary>
    public async Task WaitForClientCloseAsync()
    {
        while ((await ReceiveAsync()).Type != WebSocketMessageType.Close)
        {
        }

        await AnswerCloseAsync();
    }

    private Task AnswerCloseAsync() =>
        Socket.State == WebSocketState.CloseReceived
            ? Socket.CloseOutputAsync(ClientCloseStatus ?? WebSocketCloseStatus.NormalClosure, ClientCloseDescription, CancellationToken.None)
            : Task.CompletedTask;
}
