using WebsockexAdapter.Rx.Gateway.Cli;

namespace WebsockexAdapter.Rx.Gateway.Tests.Hosting;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new GatewayOptions();
        Assert.Equal("nats://127.0.0.1:4222", options.NatsUrl);
        Assert.Equal("deribit", options.SubjectPrefix);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.LeaderTtl);
        Assert.Equal(65_536, options.OutboundCapacity);
        Assert.Empty(options.Problems());

        var consumer = new GatewayConsumerOptions();
        Assert.Equal(TimeSpan.FromSeconds(5), consumer.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), consumer.RequestTimeout);
        Assert.Equal(65_536, consumer.PendingCapacity);
        Assert.Empty(consumer.Problems());
    }

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        var options = new GatewayOptions { NatsUrl = "http://x", SubjectPrefix = "a.*", LeaseTimeout = TimeSpan.Zero, LeaderTtl = TimeSpan.FromMilliseconds(1), OutboundCapacity = 0 };
        var error = Assert.Throws<InvalidOptionsException>(options.Validate);
        Assert.Equal(5, options.Problems().Count);
        Assert.Contains("NatsUrl must be an absolute nats://", error.Message, StringComparison.Ordinal);
        Assert.Contains("LeaderTtl must be at least 300 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_ReadEveryOption_AndRefuseUnknownOnes()
    {
        var parsed = GatewayArguments.Parse(["--nats", "nats://10.0.0.5:4222", "--prefix", "desk", "--lease", "20", "--leader-ttl", "2", "--url", "wss://test.deribit.com/ws/api/v2"]);
        Assert.Equal("nats://10.0.0.5:4222", parsed.NatsUrl);
        Assert.Equal("desk", parsed.Prefix);
        Assert.Equal(TimeSpan.FromSeconds(20), parsed.Lease);
        Assert.Equal(TimeSpan.FromSeconds(2), parsed.LeaderTtl);
        Assert.Equal(new Uri("wss://test.deribit.com/ws/api/v2"), parsed.ExchangeUrl);
        Assert.Null(GatewayArguments.Parse(["--no-election"]).LeaderTtl);
        Assert.Throws<ArgumentException>(() => GatewayArguments.Parse(["--bogus"]));
        Assert.Throws<ArgumentException>(() => GatewayArguments.Parse(["--lease", "-1"]));
    }

    [Theory]
    [InlineData("book.BTC-PERPETUAL.100ms", true)]
    [InlineData("ticker.ETH-PERPETUAL.raw", true)]
    [InlineData("trades.BTC-27DEC24-50000-C.agg2", true)]
    [InlineData("user.orders.BTC-PERPETUAL.raw", false)]
    [InlineData("book.*.100ms", false)]
    [InlineData("book.BTC PERPETUAL.100ms", false)]
    [InlineData("book.BTC-PERPETUAL", false)]
    public void ChannelName_OnlyPublicMarketDataThatIsOneSubjectTail(string name, bool carried) =>
        Assert.Equal(carried, ChannelName.TryParse(name, out _));

    [Fact]
    public void ConsumerId_DefaultIsUniqueAndAtMost40Characters_WhateverTheHostNameLength()
    {
        var first = new GatewayConsumerOptions().ConsumerId;
        var second = new GatewayConsumerOptions().ConsumerId;

        Assert.NotEqual(first, second);
        Assert.InRange(first.Length, 1, 40);
        Assert.StartsWith(Environment.MachineName[..Math.Min(Environment.MachineName.Length, 20)], first, StringComparison.Ordinal);
    }
}
