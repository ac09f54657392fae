using System.Net;
using System.Net.Sockets;
using NATS.Client.Core;
using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Consumer;

/// <summary>The consumer's NATS socket against a plain loopback listener standing in for nats-server.</summary>
public sealed class ReaderThreadConnectionTests
{
    [Fact]
    public async Task Receive_CompletesOnTheReaderThread_WithNoBacklogWhenItTookEverything()
    {
        var (received, onReader, backlog) = await ReceiveAsync(sent: 10, buffer: 64);

        Assert.Equal(10, received);
        Assert.True(onReader);
        Assert.False(backlog);
    }

    [Fact]
    public async Task Receive_WithMoreBytesWaiting_ReportsABacklog_SoAStreamLeavesTheReader()
    {
        var (received, onReader, backlog) = await ReceiveAsync(sent: 100, buffer: 10);

        Assert.Equal(10, received);
        Assert.True(onReader);
        Assert.True(backlog);
    }

    [Fact]
    public async Task Dispose_EndsAReceiveThatIsWaiting()
    {
        await using var pair = await Pair.StartAsync();
        var receive = pair.Client.ReceiveAsync(new byte[10]).AsTask();

        await pair.Client.DisposeAsync();

        try
        {
            Assert.Equal(0, await receive.WaitAsync(GatewayRig.Timeout));
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Either is how a closed socket ends a receive; NATS.Net's read loop handles both.
        }
    }

    /// <summary>
    /// What the reader thread reports, read in the receive's continuation, which runs on that thread when the receive
    /// was still waiting as it was awaited: the bytes are sent only after that, and an attempt in which the receive
    /// finished first anyway (the awaiting thread was preempted) is made again on a new connection.
    /// </summary>
    private static async Task<(int Received, bool OnReader, bool Backlog)> ReceiveAsync(int sent, int buffer)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var pair = await Pair.StartAsync();
            var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var receive = Task.Run(async () =>
            {
#pragma warning disable CA2012 // Consumed once, by the await below; held only to see whether it finished before that.
                var pending = pair.Client.ReceiveAsync(new byte[buffer]);
#pragma warning restore CA2012
                waiting.SetResult();
                var early = pending.IsCompleted;
                var received = await pending.ConfigureAwait(false);
                return (early, received, ReaderThreadConnection.OnReaderThread, ReaderThreadConnection.ReaderHasBacklog);
            });
            await waiting.Task.WaitAsync(GatewayRig.Timeout);
            await pair.Server.SendAsync(new byte[sent]);
            var result = await receive.WaitAsync(GatewayRig.Timeout);
            if (!result.early)
            {
                return (result.received, result.Item3, result.Item4);
            }
        }

        throw new InvalidOperationException("the receive finished before it was awaited in every attempt");
    }

    private sealed class Pair : IAsyncDisposable
    {
        private Pair(TcpListener listener, Socket server, INatsSocketConnection client)
        {
            Listener = listener;
            Server = server;
            Client = client;
        }

        public TcpListener Listener { get; }

        public Socket Server { get; }

        public INatsSocketConnection Client { get; }

        public static async Task<Pair> StartAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accept = listener.AcceptSocketAsync();
            var client = await ReaderThreadConnection.ConnectAsync(new Uri($"nats://127.0.0.1:{port}"), CancellationToken.None);
            var server = await accept.WaitAsync(GatewayRig.Timeout);
            return new Pair(listener, server, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            Server.Dispose();
            Listener.Stop();
        }
    }
}
