using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Subscriptions;

public sealed class SubscriptionTests
{
    private const string Book = "book.BTC-PERPETUAL.100ms";
    private const string Ticker = "ticker.ETH-PERPETUAL.100ms";

    [Fact]
    public async Task PublicSubscribe_AnswersTheChannels_AndLeavesOutUnknownOnes()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/subscribe", new { channels = new[] { Book, Ticker, "book.NOPE-PERPETUAL.100ms", "weird" } });

        Assert.Equal([Book, Ticker], result.Strings());
        Assert.Equal([Book, Ticker], sim.Connections[0].Subscriptions);
    }

    [Theory]
    [InlineData("book.BTC-PERPETUAL.raw")]
    [InlineData("user.orders.BTC-PERPETUAL.raw")]
    public async Task RawAndUserChannels_Unauthenticated_Answer13778(string channel)
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("public/subscribe", new { channels = new[] { channel } });

        Assert.Equal(13778, error.Code());
        Assert.Empty(sim.Connections[0].Subscriptions);
    }

    [Fact]
    public async Task RawChannel_Authenticated_Streams()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();

        var result = await client.ResultAsync("public/subscribe", new { channels = new[] { "ticker.BTC-PERPETUAL.raw" } });

        Assert.Equal(["ticker.BTC-PERPETUAL.raw"], result.Strings());
        await client.WaitForAsync(m => m.Channel == "ticker.BTC-PERPETUAL.raw");
    }

    [Fact]
    public async Task PrivateSubscribe_Unauthenticated_Answers13009()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("private/subscribe", new { channels = new[] { Book } });

        Assert.Equal(13009, error.Code());
    }

    [Fact]
    public async Task Book_SnapshotThenChanges_PrevChangeIdChainHolds()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { NotificationInterval = TimeSpan.FromMilliseconds(5) });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { Book } });

        var snapshot = (await client.WaitForAsync(m => m.Channel == Book)).Data();
        Assert.Equal("snapshot", snapshot.Str("type"));
        Assert.Equal("BTC-PERPETUAL", snapshot.Str("instrument_name"));
        Assert.False(snapshot.TryGetProperty("prev_change_id", out _));
        Assert.All(snapshot.GetProperty("bids").EnumerateArray(), e => Assert.Equal("new", e[0].GetString()));
        Assert.All(snapshot.GetProperty("asks").EnumerateArray(), e => Assert.Equal("new", e[0].GetString()));
        Assert.True(snapshot.GetProperty("bids")[0][1].GetDecimal() < snapshot.GetProperty("asks")[0][1].GetDecimal());

        var last = snapshot.GetProperty("change_id").GetInt64();
        for (var i = 0; i < 50; i++)
        {
            var change = (await client.WaitForAsync(m => m.Channel == Book)).Data();
            Assert.Equal("change", change.Str("type"));
            Assert.Equal(last, change.GetProperty("prev_change_id").GetInt64());
            Assert.True(change.GetProperty("change_id").GetInt64() > last);
            foreach (var entry in change.GetProperty("bids").EnumerateArray().Concat(change.GetProperty("asks").EnumerateArray()))
            {
                Assert.Contains(entry[0].GetString(), new[] { "new", "change", "delete" });
                Assert.Equal(3, entry.GetArrayLength());
            }

            last = change.GetProperty("change_id").GetInt64();
        }
    }

    [Fact]
    public async Task InjectBookGap_BreaksTheChainOnce()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { NotificationInterval = TimeSpan.FromMilliseconds(5) });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { Book } });
        var last = (await client.WaitForAsync(m => m.Channel == Book)).Data().GetProperty("change_id").GetInt64();

        sim.InjectBookGap();
        var gaps = 0;
        for (var i = 0; i < 20; i++)
        {
            var change = (await client.WaitForAsync(m => m.Channel == Book)).Data();
            gaps += change.GetProperty("prev_change_id").GetInt64() == last ? 0 : 1;
            last = change.GetProperty("change_id").GetInt64();
        }

        Assert.Equal(1, gaps);
    }

    [Fact]
    public async Task SameSeed_SameChannel_GivesTheSameBook()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { Seed = 7 });
        await using var first = await TestClient.ConnectAsync(sim);
        await using var second = await TestClient.ConnectAsync(sim);
        await first.ResultAsync("public/subscribe", new { channels = new[] { Book } });
        await second.ResultAsync("public/subscribe", new { channels = new[] { Book } });

        var a = (await first.WaitForAsync(m => m.Channel == Book)).Data();
        var b = (await second.WaitForAsync(m => m.Channel == Book)).Data();

        Assert.Equal(a.GetProperty("change_id").GetInt64(), b.GetProperty("change_id").GetInt64());
        Assert.Equal(a.GetProperty("bids").GetRawText(), b.GetProperty("bids").GetRawText());
        Assert.Equal(a.GetProperty("asks").GetRawText(), b.GetProperty("asks").GetRawText());
    }

    [Fact]
    public async Task Ticker_CarriesTheDocumentedFields()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { Ticker } });

        var data = (await client.WaitForAsync(m => m.Channel == Ticker)).Data();

        Json.HasProperties(data, "timestamp", "instrument_name", "best_bid_price", "best_bid_amount", "best_ask_price",
            "best_ask_amount", "last_price", "mark_price", "index_price", "open_interest");
        Assert.True(data.GetProperty("best_bid_price").GetDecimal() < data.GetProperty("best_ask_price").GetDecimal());
    }

    [Fact]
    public async Task Trades_AreAnArrayWithTheDocumentedFields()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { "trades.BTC-PERPETUAL.100ms" } });

        var data = (await client.WaitForAsync(m => m.Channel == "trades.BTC-PERPETUAL.100ms")).Data();

        Assert.True(data.GetArrayLength() >= 1);
        Json.HasProperties(data[0], "trade_id", "trade_seq", "timestamp", "price", "amount", "direction", "instrument_name");
    }

    [Fact]
    public async Task GroupedBook_IsASnapshotOfPriceAmountPairs()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        const string Channel = "book.BTC-PERPETUAL.none.5.100ms";
        await client.ResultAsync("public/subscribe", new { channels = new[] { Channel } });

        var data = (await client.WaitForAsync(m => m.Channel == Channel)).Data();

        Assert.InRange(data.GetProperty("bids").GetArrayLength(), 1, 5);
        Assert.Equal(2, data.GetProperty("asks")[0].GetArrayLength());
        Json.HasProperties(data, "timestamp", "instrument_name", "change_id");
    }

    [Fact]
    public async Task Unsubscribe_AnswersTheChannels_AndStopsTheStream()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { NotificationInterval = TimeSpan.FromMilliseconds(10) });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { Book } });
        await client.WaitForAsync(m => m.Channel == Book);

        var result = await client.ResultAsync("public/unsubscribe", new { channels = new[] { Book } });
        await client.ResultAsync("public/subscribe", new { channels = new[] { Ticker } });

        Assert.Equal([Book], result.Strings());
        for (var i = 0; i < 10; i++)
        {
            var next = await client.NextAsync();
            Assert.Equal(Ticker, next.Channel);
        }
    }

    [Fact]
    public async Task UnsubscribeAll_AnswersOk_AndClearsTheSubscriptions()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { Book, Ticker } });

        var result = await client.ResultAsync("public/unsubscribe_all");

        Assert.Equal("ok", result.GetString());
        Assert.Empty(sim.Connections[0].Subscriptions);
    }

    [Fact]
    public async Task Subscriptions_BelongToTheConnection()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using (var first = await TestClient.ConnectAsync(sim))
        {
            await first.ResultAsync("public/subscribe", new { channels = new[] { Book } });
        }

        await using var second = await TestClient.ConnectAsync(sim);
        await second.ResultAsync("public/test");

        Assert.Empty(sim.Connections[1].Subscriptions);
    }

    [Fact]
    public async Task ChannelIntervals_OverrideOneChannel()
    {
        var options = new SimulatorOptions { ChannelIntervals = new Dictionary<string, TimeSpan> { [Ticker] = TimeSpan.FromMilliseconds(2) } };
        await using var sim = await DeribitSimulator.StartAsync(options);
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { Ticker } });

        // 300 notifications take 0.6 s at 2 ms and 30 s at the default 100 ms; the whole count has 5 s.
        await client.CountAsync(m => m.Channel == Ticker, 300, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Blast_StreamsAsFastAsTheSocketTakes()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { Blast = true });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/subscribe", new { channels = new[] { "trades.BTC-PERPETUAL.100ms" } });

        // 2,000 notifications take 200 s at the channel's own interval; the whole count has 10 s.
        await client.CountAsync(m => m.Channel == "trades.BTC-PERPETUAL.100ms", 2_000, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task UserOrders_NotifiesPlacedAndCancelledOrders()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        const string Channel = "user.orders.BTC-PERPETUAL.raw";
        await client.ResultAsync("private/subscribe", new { channels = new[] { Channel } });

        var order = (await client.ResultAsync("private/sell", new { instrument_name = "BTC-PERPETUAL", amount = 20, price = 70_000 })).GetProperty("order");
        var placed = await client.WaitForAsync(m => m.Channel == Channel);
        await client.ResultAsync("private/cancel", new { order_id = order.Str("order_id") });
        var cancelled = await client.WaitForAsync(m => m.Channel == Channel);

        Assert.Equal("open", placed.Data().Str("order_state"));
        Assert.Equal("cancelled", cancelled.Data().Str("order_state"));
        Assert.Equal(order.Str("order_id"), cancelled.Data().Str("order_id"));
    }

    [Fact]
    public async Task UserOrdersAggregated_NotifiesAnArray()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.AuthenticateAsync();
        const string Channel = "user.orders.ETH-PERPETUAL.100ms";
        await client.ResultAsync("private/subscribe", new { channels = new[] { Channel } });

        await client.SendRequestAsync("private/buy", new { instrument_name = "ETH-PERPETUAL", amount = 1, price = 2_500 });
        var placed = await client.WaitForAsync(m => m.Channel == Channel);

        Assert.Equal("open", placed.Data()[0].Str("order_state"));
    }
}
