using WebsockexAdapter.Rx.Demo.Cli;

namespace WebsockexAdapter.Rx.Demo.Tests.Cli;

public sealed class ArgumentParserTest
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void NoArguments_TheSimulatorWithFaults_ForThirtySeconds()
    {
        var settings = ArgumentParser.Parse([], NoEnvironment);

        Assert.True(settings.UsesSimulator);
        Assert.True(settings.InjectsFaults);
        Assert.True(settings.Trades);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.FaultInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Heartbeat);
        Assert.Equal("BTC-PERPETUAL", settings.Instrument);
        Assert.False(settings.ShowHelp);
    }

    [Fact]
    public void EveryOption_IsRead()
    {
        var settings = ArgumentParser.Parse(["--duration", "6", "--fault-every", "0.5", "--heartbeat", "0.25", "--instrument", "ETH-PERPETUAL", "--no-faults"], NoEnvironment);

        Assert.Equal(TimeSpan.FromSeconds(6), settings.Duration);
        Assert.Equal(TimeSpan.FromSeconds(0.5), settings.FaultInterval);
        Assert.Equal(TimeSpan.FromSeconds(0.25), settings.Heartbeat);
        Assert.Equal("ETH-PERPETUAL", settings.Instrument);
        Assert.False(settings.InjectsFaults);
    }

    [Fact]
    public void AUrl_TakesTheApiKeyFromTheEnvironment_TheExchangesHeartbeat_AndNoFaults()
    {
        var environment = new Dictionary<string, string> { ["DERIBIT_CLIENT_ID"] = "id", ["DERIBIT_CLIENT_SECRET"] = "secret" };

        var settings = ArgumentParser.Parse(["--url", "wss://test.deribit.com/ws/api/v2"], n => environment.GetValueOrDefault(n));

        Assert.Equal(new Uri("wss://test.deribit.com/ws/api/v2"), settings.Url);
        Assert.Equal("id", settings.Credentials!.ClientId);
        Assert.Equal("secret", settings.Credentials.ClientSecret);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Heartbeat);
        Assert.False(settings.InjectsFaults);
        Assert.True(settings.Trades);
    }

    [Fact]
    public void AUrl_WithoutAnApiKey_WatchesPublicChannelsOnly()
    {
        var settings = ArgumentParser.Parse(["--url", "wss://test.deribit.com/ws/api/v2"], NoEnvironment);

        Assert.Null(settings.Credentials);
        Assert.False(settings.Trades);
    }

    [Fact]
    public void Record_TakesAFile()
    {
        var settings = ArgumentParser.Parse(["--record", "session.wxrec", "--duration", "5"], NoEnvironment);

        Assert.Equal("session.wxrec", settings.RecordTo);
        Assert.False(settings.Backtest);
    }

    [Theory]
    [InlineData(null, "--backtest")]
    [InlineData(null, "--backtest", "--duration", "5")]
    [InlineData("old.wxrec", "--backtest", "old.wxrec")]
    public void Backtest_TakesAnOptionalFile(string? file, params string[] args)
    {
        var settings = ArgumentParser.Parse(args, NoEnvironment);

        Assert.True(settings.Backtest);
        Assert.Equal(file, settings.BacktestFile);
    }

    [Fact]
    public void Help_AsksForTheUsage()
    {
        Assert.True(ArgumentParser.Parse(["--help"], NoEnvironment).ShowHelp);
        Assert.Contains("--fault-every", ArgumentParser.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "Unknown argument '--fast'.", "--fast")]
    [InlineData(2, "--duration needs a value.", "--duration")]
    [InlineData(2, "--duration takes a number of seconds (was 'soon').", "--duration", "soon")]
    [InlineData(2, "--duration must be between 1 s and one day (was 0).", "--duration", "0")]
    [InlineData(2, "--fault-every must be between 0.1 s and one day (was -1).", "--fault-every", "-1")]
    [InlineData(2, "--instrument takes an instrument name such as BTC-PERPETUAL (was 'book.BTC').", "--instrument", "book.BTC")]
    [InlineData(2, "--heartbeat applies to the embedded simulator; a real exchange takes 10 s at least.", "--heartbeat", "1", "--url", "wss://test.deribit.com/ws/api/v2")]
    [InlineData(3, "--url must be an absolute ws:// or wss:// address, e.g. wss://test.deribit.com/ws/api/v2 (was 'test.deribit.com').", "--url", "test.deribit.com")]
    [InlineData(3, "--url must be an absolute ws:// or wss:// address, e.g. wss://test.deribit.com/ws/api/v2 (was 'http://localhost/').", "--url", "http://localhost/")]
    public void BadArguments_AreOneClearError_WithTheirExitCode(int exitCode, string message, params string[] args)
    {
        var error = Assert.Throws<DemoException>(() => ArgumentParser.Parse(args, NoEnvironment));

        Assert.Equal(message, error.Message);
        Assert.Equal(exitCode, error.ExitCode);
    }

    [Fact]
    public void HalfAnApiKey_IsABadCredentialsError()
    {
        var error = Assert.Throws<DemoException>(() => ArgumentParser.Parse(["--url", "wss://test.deribit.com/ws/api/v2"], n => n == "DERIBIT_CLIENT_ID" ? "id" : null));

        Assert.Equal(DemoError.BadCredentials, error.Error);
        Assert.Equal("Set both DERIBIT_CLIENT_ID and DERIBIT_CLIENT_SECRET, or neither (public channels only).", error.Message);
    }
}
