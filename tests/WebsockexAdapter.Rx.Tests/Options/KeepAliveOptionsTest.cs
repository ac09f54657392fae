namespace WebsockexAdapter.Rx.Tests.Options;

public sealed class KeepAliveOptionsTest
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new KeepAliveOptions();

        Assert.Equal(TimeSpan.FromSeconds(15), options.Interval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PongTimeout);
        Assert.True(options.IsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(15), KeepAliveOptions.DefaultInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), KeepAliveOptions.DefaultPongTimeout);
    }

    [Fact]
    public void Disabled_SendsNoPings()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, KeepAliveOptions.Disabled.Interval);
        Assert.False(KeepAliveOptions.Disabled.IsEnabled);
        new ClientOptions { KeepAlive = KeepAliveOptions.Disabled }.Validate();
    }

    [Fact]
    public void Validate_WithEveryValueWrong_ListsEveryProblem()
    {
        var options = new ClientOptions { KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromSeconds(-5), PongTimeout = TimeSpan.Zero } };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(
            [
                "KeepAlive.Interval must be positive, or Timeout.InfiniteTimeSpan to turn it off (was -00:00:05).",
                "KeepAlive.PongTimeout must be positive (was 00:00:00).",
            ],
            error.Errors);
    }
}
