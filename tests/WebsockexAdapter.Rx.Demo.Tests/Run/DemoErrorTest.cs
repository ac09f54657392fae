using WebsockexAdapter.Rx.Demo.Tests.Support;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Demo.Tests.Run;

/// <summary>What goes wrong outside the demo is one line on stderr and its own exit code, never a stack trace or a hang.</summary>
public sealed class DemoErrorTest
{
    [Fact]
    public async Task ANonWebSocketUrl_IsABadUrl()
    {
        var result = await DemoHarness.RunAsync(["--url", "https://test.deribit.com/ws/api/v2"]);

        Assert.Equal(3, result.ExitCode);
        AssertOneErrorLine(result, "--url must be an absolute ws:// or wss:// address");
    }

    [Fact]
    public async Task CredentialsOverUnencryptedWsToAnotherHost_AreRefusedBeforeConnecting()
    {
        var result = await DemoHarness.RunAsync(["--url", "ws://exchange.invalid/ws/api/v2"], Credentials("id", "secret"));

        Assert.Equal(3, result.ExitCode);
        AssertOneErrorLine(result, "refused over unencrypted ws://");
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingListening_IsUnreachable()
    {
        var result = await DemoHarness.RunAsync(["--url", $"ws://127.0.0.1:{DemoHarness.ClosedPort()}/ws/api/v2"]);

        Assert.Equal(4, result.ExitCode);
        AssertOneErrorLine(result, "Could not connect to ws://127.0.0.1:");
    }

    [Fact]
    public async Task WrongCredentials_AreReportedWithTheClientIdAndNeverTheSecret()
    {
        await using var simulator = await DeribitSimulator.StartAsync();

        var result = await DemoHarness.RunAsync(["--url", simulator.Uri.ToString()], Credentials(SimulatorOptions.DefaultClientId, "not-the-secret"));

        Assert.Equal(5, result.ExitCode);
        AssertOneErrorLine(result, $"refused the credentials of client id '{SimulatorOptions.DefaultClientId}'");
        Assert.Contains("DERIBIT_CLIENT_ID", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", result.Error + result.Output, StringComparison.Ordinal);
        Assert.Equal(1, simulator.ConnectionsOpened);
    }

    [Fact]
    public async Task AnInstrumentTheExchangeDoesNotList_IsRefused()
    {
        var result = await DemoHarness.RunAsync(["--instrument", "NOPE-PERPETUAL", "--no-faults"]);

        Assert.Equal(6, result.ExitCode);
        AssertOneErrorLine(result, "would not subscribe '");
        Assert.Contains(".NOPE-PERPETUAL.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownArgument_IsAUsageError()
    {
        var result = await DemoHarness.RunAsync(["--chaos"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Unknown argument '--chaos'.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherExchange_WithoutCredentials_RunsThePublicChannelsOnly()
    {
        await using var simulator = await DeribitSimulator.StartAsync();

        var result = await DemoHarness.RunAsync(["--url", simulator.Uri.ToString(), "--duration", "1"]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(3, result.Summary.Channels.Count);
        Assert.DoesNotContain(result.Summary.Channels, c => c.Channel.StartsWith("user.", StringComparison.Ordinal));
        Assert.Empty(result.Summary.Orders);
        Assert.Empty(result.Summary.Faults);
        Assert.Empty(result.Summary.LostChannels);
    }

    private static Dictionary<string, string> Credentials(string id, string secret) => new()
    {
        ["DERIBIT_CLIENT_ID"] = id,
        ["DERIBIT_CLIENT_SECRET"] = secret,
    };

    private static void AssertOneErrorLine(DemoResult result, string expected)
    {
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Null(result.Outcome.Summary);
    }
}
