using System.Collections.Concurrent;
using System.Text;

namespace WebsockexAdapter.Rx.Deribit.Tests.Subscriptions;

/// <summary>A channel is found from a notification's UTF-8 bytes exactly when its name, as a string, is the same.</summary>
public sealed class ChannelNameComparerTest
{
    public static TheoryData<string> Names => new()
    {
        "book.BTC-PERPETUAL.100ms",
        "ticker.ETH-27DEC24-4000-C.raw",
        "user.orders.future.BTC.raw",
        "",
        "book.É-PERP.100ms",
        "trades.日本.100ms",
        new string('x', 300) + "é",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void AWantedChannel_IsFoundByItsBytes_AndNoOtherIs(string name)
    {
        var channels = new ConcurrentDictionary<string, int>(ChannelNameComparer.Instance) { [name] = 1, [name + "x"] = 2, ["other"] = 3 };
        var byUtf8 = channels.GetAlternateLookup<ReadOnlySpan<byte>>();

        Assert.True(byUtf8.TryGetValue(Encoding.UTF8.GetBytes(name), out var found, out var value));
        Assert.Equal(name, found);
        Assert.Equal(1, value);
        Assert.Equal(ChannelNameComparer.Instance.GetHashCode(name), ChannelNameComparer.Instance.GetHashCode(Encoding.UTF8.GetBytes(name)));
        Assert.False(byUtf8.TryGetValue(Encoding.UTF8.GetBytes(name + "y"), out _));
        Assert.False(byUtf8.TryGetValue(Encoding.UTF8.GetBytes(name.ToUpperInvariant() + "Z"), out _));
    }
}
