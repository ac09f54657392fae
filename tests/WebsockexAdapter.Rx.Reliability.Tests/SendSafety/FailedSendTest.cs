using System.Net.WebSockets;
using System.Reactive.Concurrency;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.SendSafety;

/// <summary>
/// A JSON-RPC call whose send fails: the caller gets a typed error at once, and the reply it will never await leaves
/// no unobserved task exception behind (the chaos soak found one, raised by the finalizer).
/// </summary>
public sealed class FailedSendTest
{
    [Fact]
    public async Task ACallWhoseSendFails_FailsWithConnectionLost_AndLeavesNoUnobservedException()
    {
        var marker = $"send-failed-{Guid.NewGuid()}";
        var unobserved = await UnobservedExceptions.DuringAsync(async () =>
        {
            var error = await FailOneCallAsync(marker);
            Assert.IsType<ConnectionLostException>(error);
            Assert.Contains(marker, error.InnerException!.Message, StringComparison.Ordinal);
        });

        Assert.DoesNotContain(unobserved, e => e.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASendTheSocketCancelsByItself_IsAConnectionLoss_WhileTheCallersCancellationStaysACancellation()
    {
        var scheduler = new TestScheduler();
        var server = new ScriptedTransport(scheduler);
        using var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = scheduler,
            TransportFactory = new FailingSends(server, "unused", static (marker, token) => new OperationCanceledException("socket aborted mid-send")),
            KeepAlive = KeepAliveOptions.Disabled,
            ReconnectOnError = false,
        });
        IConnection? connection = null;
        using var connections = client.Connections.Subscribe(c => connection = c, _ => { });
        scheduler.AdvanceBy(1);

        var lost = await Assert.ThrowsAsync<ConnectionLostException>(async () => await connection!.SendTextAsync("order"));
        Assert.IsType<OperationCanceledException>(lost.InnerException);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await connection!.SendTextAsync("order", cancelled.Token));
    }

    // Kept out of the test method so nothing on its stack roots the abandoned reply task when the collector runs.
    private static async Task<Exception> FailOneCallAsync(string marker)
    {
        var scheduler = new TestScheduler();
        var timers = new Support.CountingScheduler(scheduler);
        var server = new ScriptedTransport(scheduler);
        using var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = scheduler,
            TransportFactory = new FailingSends(server, marker),
            KeepAlive = KeepAliveOptions.Disabled,
            ReconnectOnError = false,
        });
        JsonRpcSession? session = null;
        using var connections = client.Connections.Subscribe(c => session = new JsonRpcSession(c, new JsonRpcOptions { Scheduler = timers }), _ => { });
        scheduler.AdvanceBy(1);

        Task<System.Text.Json.JsonElement>? call = null;
        scheduler.Schedule(() => call = session!.CallAsync("public/test"));
        scheduler.AdvanceBy(1);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => call!);
        Assert.Equal(0, session!.PendingCount);
        Assert.Equal(0, timers.Pending);
        session.Dispose();
        return error;
    }

    /// <summary>Scripted sockets whose sends all fail with an I/O error, while receiving keeps working.</summary>
    private sealed class FailingSends(ScriptedTransport inner, string marker, Func<string, CancellationToken, Exception>? failure = null) : IWebSocketTransportFactory
    {
        public IWebSocketTransport Create(ClientOptions options) =>
            new Socket(inner.Create(options), marker, failure ?? (static (m, _) => new IOException(m)));

        private sealed class Socket(IWebSocketTransport inner, string marker, Func<string, CancellationToken, Exception> failure) : IWebSocketTransport
        {
            public bool HandlesKeepAlive => inner.HandlesKeepAlive;

            public string? SubProtocol => inner.SubProtocol;

            public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => inner.ConnectAsync(uri, cancellationToken);

            public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken) => inner.ReceiveAsync(cancellationToken);

            public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken) => ValueTask.FromException(
                cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : failure(marker, cancellationToken));

            public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken) => inner.CloseAsync(status, description, cancellationToken);

            public void Abort() => inner.Abort();

            public void Dispose() => inner.Dispose();
        }
    }
}
