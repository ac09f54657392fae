namespace WebsockexAdapter.Rx.Gateway.Tests.Demand;

public sealed class DemandTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    [Fact]
    public void Add_FirstWanterStartsTheChannel_SecondDoesNot()
    {
        var table = new DemandTable(Lease);
        Assert.Equal(["a"], table.Add("c1", "a", T0).Started);
        Assert.True(table.Add("c2", "a", T0).IsEmpty);
        Assert.True(table.Add("c1", "a", T0).IsEmpty);
        Assert.Equal(2, table.Wanters("a"));
    }

    [Fact]
    public void Remove_LastWanterStopsTheChannel()
    {
        var table = new DemandTable(Lease);
        table.Add("c1", "a", T0);
        table.Add("c2", "a", T0);
        Assert.True(table.Remove("c1", "a", T0).IsEmpty);
        Assert.True(table.Remove("c1", "a", T0).IsEmpty);
        Assert.Equal(["a"], table.Remove("c2", "a", T0).Stopped);
        Assert.Empty(table.Channels);
        Assert.Equal(0, table.ConsumerCount);
    }

    [Fact]
    public void Expire_ConsumerWithoutRenewal_ReleasesOnlyWhatNobodyElseWants()
    {
        var table = new DemandTable(Lease);
        table.Add("dead", "a", T0);
        table.Add("dead", "b", T0);
        table.Add("alive", "b", T0);
        table.Renew("alive", ["b"], T0 + TimeSpan.FromSeconds(8));

        Assert.True(table.Expire(T0 + TimeSpan.FromSeconds(9)).IsEmpty);
        var change = table.Expire(T0 + Lease);
        Assert.Equal(["a"], change.Stopped);
        Assert.Equal(["b"], table.Channels);
        Assert.Equal(1, table.ConsumerCount);
    }

    [Fact]
    public void Renew_ReplacesTheConsumersSet_AndTeachesANewGatewayItsDemand()
    {
        var table = new DemandTable(Lease);
        var first = table.Renew("c1", ["a", "b"], T0);
        Assert.Equal(["a", "b"], first.Started.Order());
        var second = table.Renew("c1", ["b", "c"], T0);
        Assert.Equal(["c"], second.Started);
        Assert.Equal(["a"], second.Stopped);
        Assert.Equal(["b"], table.Renew("c1", [], T0).Stopped.Where(static c => c == "b"));
        Assert.Equal(0, table.ConsumerCount);
    }
}
