using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.AdapterKit.Tests.Exchange;

/// <summary>The exchange over real sockets: Kestrel on 127.0.0.1, one <see cref="ExchangeSession"/> per WebSocket.</summary>
internal sealed class LoopbackExchange : IAsyncDisposable
{
    private readonly ConcurrentQueue<Peer> _peers = new();
    private readonly WebApplication _app;

    private LoopbackExchange(WebApplication app) => _app = app;

    /// <summary>The address to connect to.</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>The exchange's side of every connection so far, in the order they were accepted.</summary>
    public IReadOnlyList<ExchangeSession> Sessions => [.. _peers.Select(p => p.Session)];

    public static async Task<LoopbackExchange> StartAsync(string apiKey, string apiSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var exchange = new LoopbackExchange(builder.Build());
        exchange._app.UseWebSockets();
        exchange._app.Map("/v5/private", context => exchange.ServeAsync(context, apiKey, apiSecret));
        await exchange._app.StartAsync();
        var address = exchange._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        exchange.Uri = new Uri($"{address.Replace("http://", "ws://", StringComparison.Ordinal)}/v5/private");
        return exchange;
    }

    /// <summary>Breaks every open connection without a close frame, as a crashed exchange or a reset would.</summary>
    public void Kill()
    {
        foreach (var peer in _peers)
        {
            peer.Socket.Abort();
        }
    }

    /// <summary>Pushes a message on <paramref name="topic"/> to every open connection subscribed to it.</summary>
    public async Task PublishAsync(string topic, string dataJson)
    {
        foreach (var peer in _peers.Where(p => p.Socket.State == WebSocketState.Open))
        {
            if (peer.Session.Publish(topic, dataJson) is { } message)
            {
                await peer.SendAsync(message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context, string apiKey, string apiSecret)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new Peer(socket, new ExchangeSession(apiKey, apiSecret));
        _peers.Enqueue(peer);
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    foreach (var reply in peer.Session.Answer(Encoding.UTF8.GetString(message.ToArray())))
                    {
                        await peer.SendAsync(reply);
                    }

                    message.SetLength(0);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // Killed, or the client went away: this connection is over.
        }
    }

#pragma warning disable CA1001 // A SemaphoreSlim whose wait handle is never asked for holds nothing that needs disposing.
    private sealed record Peer(WebSocket Socket, ExchangeSession Session)
#pragma warning restore CA1001
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public async Task SendAsync(string text)
        {
            await _sending.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The connection broke while sending; its receive loop ends it.
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
