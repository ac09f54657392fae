using System.Net.WebSockets;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Websocket.Client;

namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>
/// One way of holding a connection open with nothing to receive, each with a receive pending as a real consumer has:
/// opening returns the function that closes it again.
/// </summary>
internal sealed record IdleConnectionKind(string Name, Func<Uri, CancellationToken, Task<Func<Task>>> OpenAsync)
{
    public static IReadOnlyList<IdleConnectionKind> All { get; } =
    [
        new("ClientWebSocket + pending 16 KB receive", OpenBareAsync),
        new("Websocket.Client 5.5.1", OpenWebsocketClientAsync),
        new("WebSocketClient (defaults: RFC 6455 transport)", (uri, token) => OpenWebSocketClientAsync(uri, new ClientOptions(), token)),
        new("WebSocketClient (ClientWebSocket transport)", (uri, token) => OpenWebSocketClientAsync(uri, new ClientOptions { TransportFactory = ClientWebSocketTransportFactory.Instance }, token)),
    ];

    private static async Task<Func<Task>> OpenBareAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        var receive = socket.ReceiveAsync(new byte[ClientOptions.DefaultReceiveBufferSize].AsMemory(), CancellationToken.None).AsTask();
        return async () =>
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
            await receive.ConfigureAwait(false);
            socket.Dispose();
        };
    }

    private static async Task<Func<Task>> OpenWebsocketClientAsync(Uri uri, CancellationToken cancellationToken)
    {
        var client = new WebsocketClient(uri) { IsReconnectionEnabled = false, ReconnectTimeout = null, ErrorReconnectTimeout = null };
        await client.StartOrFail().WaitAsync(cancellationToken).ConfigureAwait(false);
        return async () =>
        {
            await client.Stop(WebSocketCloseStatus.NormalClosure, "done").ConfigureAwait(false);
            client.Dispose();
        };
    }

    private static async Task<Func<Task>> OpenWebSocketClientAsync(Uri uri, ClientOptions options, CancellationToken cancellationToken)
    {
        var client = new WebSocketClient(uri, options);
        var frames = client.Frames.Subscribe(static _ => { }, static _ => { });
        await client.States.FirstAsync(static s => s.Status == ConnectionStatus.Connected).ToTask(cancellationToken).ConfigureAwait(false);
        return async () =>
        {
            var connection = client.CurrentConnection;
            frames.Dispose();
            if (connection is not null)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }

            client.Dispose();
        };
    }
}
