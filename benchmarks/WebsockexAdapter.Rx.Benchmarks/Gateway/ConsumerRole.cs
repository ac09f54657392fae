using System.Text.Json;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway;

namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>
/// One consumer process: the same strategy code (a book subscription that times every change) on a direct adapter
/// or on <see cref="GatewayMarketData"/>. It prints <c>ready</c> once it holds the snapshot, then one
/// <see cref="ConsumerResult"/> line once it has every change, or when changes stopped coming for two seconds.
/// </summary>
internal static class ConsumerRole
{
    public const string Name = "gateway-consumer";
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    /// <summary><c>gateway-consumer direct|gateway URL EXPECTED_CHANGES TIMEOUT_SECONDS</c>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var direct = args[0] == "direct";
        var url = args[1];
        var expected = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var probe = new LatencyProbe(expected);
        await using var gateway = direct ? null : new GatewayMarketData(new GatewayConsumerOptions { NatsUrl = url });
        using var adapter = direct ? new DeribitAdapter(DirectOptions(new Uri(url))) : null;
        IDeribitMarketData source = (IDeribitMarketData?)adapter ?? gateway!;
        using (source.SubscribeBook(BookNotifications.Channel.Split('.')[1]).Subscribe(probe.OnNext, probe.OnError))
        {
            await probe.Ready.WaitAsync(timeout).ConfigureAwait(false);
            await output.WriteLineAsync("ready").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            var deadline = DateTime.UtcNow + timeout;
            while (!probe.Done.IsCompleted && DateTime.UtcNow < deadline && !probe.IdleFor(Idle))
            {
                await Task.WhenAny(probe.Done, Task.Delay(200)).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(probe.Result(direct ? "direct" : "gateway"))).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The loopback server sends no heartbeats and answers no pings while it sends, so both are off, for the direct
    /// adapter and the gateway's alike; the queue holds a whole blast, so neither ends its stream as a slow consumer.
    /// </summary>
    public static DeribitOptions DirectOptions(Uri url) => new()
    {
        Url = url,
        HeartbeatInterval = TimeSpan.FromHours(1),
        Client = new WebsockexAdapter.Rx.ClientOptions { KeepAlive = WebsockexAdapter.Rx.KeepAliveOptions.Disabled },
        Delivery = new DeribitDeliveryOptions { Book = SlowConsumerPolicy.Queue(1_000_000) },
    };
}
