using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.AdapterKit.Tests.Exchange;

namespace WebsockexAdapter.Rx.AdapterKit.Tests.Adapter;

/// <summary>The second adapter over a real socket: Kestrel on loopback, the default transport, the real clock.</summary>
public sealed class OpAdapterLoopbackTest
{
    private const string Key = "key-1";
    private const string Secret = "secret-1";
    private const string Ticker = "tickers.BTCUSDT";

    [Fact]
    public async Task Kill_IsFollowedByLoginThenResubscribe_AndDataFlowsAgain()
    {
        // One bound for every wait of the test.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var exchange = await LoopbackExchange.StartAsync(Key, Secret);
        using var adapter = new OpAdapter(new OpAdapterOptions(exchange.Uri, Key, Secret)
        {
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
        });
        var sessions = new ReplaySubject<OpSession>();
        var tickers = new ReplaySubject<TopicMessage>();
        using var sessionsSubscription = adapter.Sessions.Subscribe(sessions);
        using var tickersSubscription = adapter.Subscribe(Ticker).Subscribe(tickers);

        foreach (var epoch in new[] { 1, 2 })
        {
            await sessions.FirstAsync(s => s.Epoch == epoch).ToTask(bound.Token);
            Assert.Equal(["auth", $"subscribe:{Ticker}"], exchange.Sessions[^1].Requests.Take(2));
            await exchange.PublishAsync(Ticker, $$"""{"lastPrice":"{{epoch}}"}""");
            var message = await tickers.FirstAsync(m => m.Epoch == epoch).ToTask(bound.Token);
            Assert.Equal($"{epoch}", message.Data.GetProperty("lastPrice").GetString());
            exchange.Kill();
        }
    }
}
