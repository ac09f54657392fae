using System.Diagnostics;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>
/// Soak-memory: connect/drop cycles through one reconnecting <see cref="WebSocketClient"/> and through one
/// <see cref="Deribit.DeribitAdapter"/>, and the memory of many idle connections side by side with the alternatives.
/// Client and server share the process, so every figure includes the server's side, which is the same for every row.
/// </summary>
internal static class SoakMemorySuite
{
    public static async Task<SoakReport> RunAsync(SoakSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var server = LoopbackServer.Start();
        await RunCyclesAsync(server, settings.WarmupCycles, settings, cancellationToken).ConfigureAwait(false);
        var before = MemoryProbe.Take();
        var started = Stopwatch.GetTimestamp();
        var connections = await RunCyclesAsync(server, settings.Cycles, settings, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = MemoryProbe.Take();
        await progress.WriteLineAsync($"{settings.Cycles} connect/drop cycles done in {elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
        var adapter = await AdapterCycles.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        await progress.WriteLineAsync($"{settings.AdapterCycles} adapter restore/drop cycles done in {adapter.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);

        var idle = new List<IdleResult>();
        foreach (var kind in IdleConnectionKind.All)
        {
            idle.Add(await MeasureIdleAsync(server, kind, settings, cancellationToken).ConfigureAwait(false));
            await progress.WriteLineAsync($"{settings.IdleConnections} idle connections: {kind.Name} done").ConfigureAwait(false);
        }

        if (server.Failures > 0)
        {
            throw new InvalidOperationException($"The loopback server failed on {server.Failures} connection(s); the figures are not trustworthy.");
        }

        return new SoakReport(settings, new CycleResult(connections, elapsed, before, after), adapter, idle);
    }

    /// <summary>
    /// One client, reconnecting at once (zero backoff, no circuit breaker) to a server that sends one message and then
    /// drops the TCP connection without a closing handshake; returns the connections made.
    /// </summary>
    private static async Task<int> RunCyclesAsync(LoopbackServer server, int cycles, SoakSettings settings, CancellationToken cancellationToken)
    {
        var options = new ClientOptions
        {
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, UseJitter = false, CircuitBreaker = null },
        };
        var connections = 0;
        var frames = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IConnection? last = null;
        using (var client = new WebSocketClient(server.DropUri(messages: 1), options))
        {
            using (client.Connections.Subscribe(
                connection =>
                {
                    Volatile.Write(ref last, connection);
                    Interlocked.Increment(ref connections);
                },
                error => done.TrySetException(new InvalidOperationException($"The client gave up after {connections} connections.", error)),
                () => done.TrySetException(new InvalidOperationException($"The connection stream ended after {connections} connections."))))
            using (client.Frames.Subscribe(_ =>
            {
                if (Interlocked.Increment(ref frames) == cycles)
                {
                    done.TrySetResult();
                }
            }))
            {
                try
                {
                    await done.Task.WaitAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"Stalled after {connections} connections and {frames} frames of {cycles}; the client is {client.CurrentState}; the server accepted {server.Accepted} and has {server.ActiveConnections} open.");
                }
            }

            if (Volatile.Read(ref last) is { } connection)
            {
                await connection.CloseAsync().WaitAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
            }
        }

        await WhenIdleAsync(server, settings, cancellationToken).ConfigureAwait(false);
        return connections;
    }

    private static async Task<IdleResult> MeasureIdleAsync(LoopbackServer server, IdleConnectionKind kind, SoakSettings settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var before = MemoryProbe.Take();
        var closers = new List<Func<Task>>(settings.IdleConnections);
        try
        {
            for (var i = 0; i < settings.IdleConnections; i++)
            {
                closers.Add(await kind.OpenAsync(server.IdleUri, timeout.Token).ConfigureAwait(false));
            }

            var open = MemoryProbe.Take();
            return new IdleResult(kind.Name, settings.IdleConnections, before, open);
        }
        finally
        {
            await Task.WhenAll(closers.Select(close => close())).WaitAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
            await WhenIdleAsync(server, settings, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WhenIdleAsync(LoopbackServer server, SoakSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await server.WhenIdleAsync().WaitAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server still has connections the clients should have closed ({server.DescribeOpen()}).");
        }
    }
}
