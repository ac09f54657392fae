using System.Reactive;
using System.Reactive.Concurrency;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Deribit.Tests.Subscriptions;

/// <summary>
/// Delivery by channel name, from the UTF-8 bytes the session hands over and from a JSON string element: the same
/// subscribers, the registry's own name on the message, and nothing for a channel nobody wants. Data offered as bytes
/// reaches raw subscribers as one checked copy, and malformed data reaches nobody.
/// </summary>
public sealed class SubscriptionRegistryTest
{
    private const string Channel = "ticker.BTC-PERPETUAL.100ms";
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly JsonElement Data = JsonDocument.Parse("""{"x":1}""").RootElement;

    public static TheoryData<string> Names => new()
    {
        "book.BTC-PERPETUAL.100ms",
        "ticker.ÄÖÜ-€.100ms",
        new string('c', 256),
        new string('c', 300),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Deliver_FromUtf8Bytes_ReachesTheChannelsSubscribers_WithTheRegistrysName(string name)
    {
        var (registry, received) = RegistryWith(name);

        registry.Deliver(Encoding.UTF8.GetBytes(name), Data, 3, "conn-1", At);

        var message = Assert.Single(received);
        Assert.Equal(name, message.Channel);
        if (name.Length <= 256)
        {
            // Looked up without making a string: the message carries the registry's own.
            Assert.Same(name, message.Channel);
        }

        Assert.Equal((3, "conn-1", At, 1), (message.Epoch, message.ConnectionId, message.ReceivedAt, message.Data.Element.GetProperty("x").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Deliver_FromAJsonString_WithOrWithoutEscapes_ReachesTheSameSubscribers(string name)
    {
        var (registry, received) = RegistryWith(name);
        var plain = JsonDocument.Parse(JsonSerializer.Serialize(name)).RootElement;
        var escaped = JsonDocument.Parse("\"\\u" + ((int)name[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + JsonSerializer.Serialize(name)[2..]).RootElement;

        registry.Deliver(plain, Data, 1, "conn-1", At);
        registry.Deliver(escaped, Data, 1, "conn-1", At);

        Assert.Equal([name, name], received.Select(m => m.Channel));
    }

    [Fact]
    public void Deliver_ToAChannelNobodyWants_IsIgnored()
    {
        var (registry, received) = RegistryWith("book.BTC-PERPETUAL.100ms");

        registry.Deliver("book.ETH-PERPETUAL.100ms"u8, Data, 1, "conn-1", At);
        registry.Deliver(Encoding.UTF8.GetBytes(new string('c', 300)), Data, 1, "conn-1", At);

        Assert.Empty(received);
    }

    [Fact]
    public void TryDeliver_ToRawSubscribers_HandsThemOneCopy_ThatOutlivesTheLentBytes()
    {
        var (registry, first) = RegistryWith(Channel);
        var second = new List<ChannelMessage<ChannelData>>();
        registry.Add(Channel, new ChannelObserver(Observer.Create<ChannelMessage<ChannelData>>(second.Add), NullLogger.Instance));
        var lent = """{"x":1}"""u8.ToArray();

        Assert.True(registry.TryDeliver(Encoding.UTF8.GetBytes(Channel), lent, 2, "conn-1", Scheduler.Immediate));
        // The receive loop reuses its buffer for the next frame.
        lent.AsSpan().Fill((byte)' ');

        Assert.Same(Assert.Single(first).Data, Assert.Single(second).Data);
        Assert.Equal((2, 1), (second[0].Epoch, second[0].Data.Element.GetProperty("x").GetInt32()));
    }

    [Fact]
    public void TryDeliver_ToARawAndATypedSubscriber_EachGetsTheMessage()
    {
        var (registry, raw) = RegistryWith(Channel);
        var typed = new List<ChannelMessage<int>>();
        var decoder = new ChannelDecoder<int>(static utf8 => utf8.Length, Observer.Create<ChannelMessage<int>>(typed.Add), static (_, _, _) => { });
        registry.Add(Channel, new ChannelObserver(decoder, NullLogger.Instance, decoder));

        Assert.True(registry.TryDeliver(Encoding.UTF8.GetBytes(Channel), """{"x":1}"""u8, 1, "conn-1", Scheduler.Immediate));

        Assert.Equal(1, Assert.Single(raw).Data.Element.GetProperty("x").GetInt32());
        Assert.Equal(7, Assert.Single(typed).Data);
    }

    [Theory]
    [InlineData("""{"x":1,}""")]
    [InlineData("""{"x":1}}""")]
    [InlineData("""{"x":tru}""")]
    [InlineData("""{"x":[1}""")]
    public void TryDeliver_MalformedDataForARawSubscriber_DeliversNothing_AndLeavesItToTheSession(string data)
    {
        var (registry, received) = RegistryWith(Channel);

        // Twice, with a good message between: a refusal leaves nothing behind.
        Assert.False(registry.TryDeliver(Encoding.UTF8.GetBytes(Channel), Encoding.UTF8.GetBytes(data), 1, "conn-1", Scheduler.Immediate));
        Assert.True(registry.TryDeliver(Encoding.UTF8.GetBytes(Channel), """{"x":1}"""u8, 1, "conn-1", Scheduler.Immediate));
        Assert.False(registry.TryDeliver(Encoding.UTF8.GetBytes(Channel), Encoding.UTF8.GetBytes(data), 1, "conn-1", Scheduler.Immediate));
        Assert.False(registry.TryDeliver(Encoding.UTF8.GetBytes(Channel), Encoding.UTF8.GetBytes(data), 1, "conn-1", Scheduler.Immediate));

        Assert.Equal(1, Assert.Single(received).Data.Element.GetProperty("x").GetInt32());
    }

    private static (SubscriptionRegistry Registry, List<ChannelMessage<ChannelData>> Received) RegistryWith(string channel)
    {
        var registry = new SubscriptionRegistry(static () => { });
        var received = new List<ChannelMessage<ChannelData>>();
        registry.Add(channel, new ChannelObserver(Observer.Create<ChannelMessage<ChannelData>>(received.Add), NullLogger.Instance));
        return (registry, received);
    }
}
