using System.Globalization;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway;

namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>
/// The gateway process: one adapter on the loopback server, one <see cref="MarketDataGateway"/> (no election). It
/// prints <c>ready</c> once active, then every 100 ms <c>stats PUBLISHED DROPPED HEAP_BYTES</c>, until its stdin closes.
/// </summary>
internal static class GatewayHostRole
{
    public const string Name = "gateway-host";

    /// <summary><c>gateway-host NATS_URL EXCHANGE_URL</c>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        using var adapter = new DeribitAdapter(ConsumerRole.DirectOptions(new Uri(args[1])));
        var gateway = new MarketDataGateway(adapter, new GatewayOptions { NatsUrl = args[0], LeaderTtl = null });
        using var stop = new CancellationTokenSource();
        var run = gateway.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (gateway.Role != GatewayRole.Active && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        await output.WriteLineAsync("ready").ConfigureAwait(false);
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        while (!stdinClosed.IsCompleted && !run.IsCompleted)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"stats {gateway.PublishedMessages} {gateway.DroppedMessages} {GC.GetTotalMemory(false)}")).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            await Task.WhenAny(stdinClosed, run, Task.Delay(100)).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return 0;
    }
}
