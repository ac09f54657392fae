using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Deribit.Tests.Subscriptions;

/// <summary>
/// Delivery by channel name, from the UTF-8 bytes the session hands over and from a JSON string element: the same
/// subscribers, the registry's own name on the message, and nothing for a channel nobody wants.
/// </summary>
public sealed class SubscriptionRegistryTest
{
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

        Assert.Equal((3, "conn-1", At, 1), (message.Epoch, message.ConnectionId, message.ReceivedAt, message.Data.GetProperty("x").GetInt32()));
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

    private static (SubscriptionRegistry Registry, List<ChannelMessage<JsonElement>> Received) RegistryWith(string channel)
    {
        var registry = new SubscriptionRegistry(static () => { });
        var received = new List<ChannelMessage<JsonElement>>();
        registry.Add(channel, new ChannelObserver(System.Reactive.Observer.Create<ChannelMessage<JsonElement>>(received.Add), NullLogger.Instance));
        return (registry, received);
    }
}
