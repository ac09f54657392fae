using Xunit;

namespace WebsockexAdapter.Rx.Gateway.Tests.Consumer;

public sealed class ConsumerIdTests
{
    [Theory]
    [InlineData("vm", 7)]
    [InlineData("vm", 123)]
    [InlineData("a-very-long-host-name-that-goes-on-and-on.example.internal", 4194304)]
    public void TheDefaultId_IsUniqueAndAtMostFortyCharacters_WhateverTheHostAndProcess(string machineName, int processId)
    {
        var first = GatewayConsumerOptions.NewConsumerId(machineName, processId);
        var second = GatewayConsumerOptions.NewConsumerId(machineName, processId);

        Assert.InRange(first.Length, 1, 40);
        Assert.StartsWith(machineName[..2], first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }
}
