using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Protocol;

public sealed class PublicMethodTests
{
    [Fact]
    public async Task Hello_AnswersVersion()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/hello", new { client_name = "tests", client_version = "1.0" });

        Assert.Equal(SimulatorOptions.ServerVersion, result.Str("version"));
    }

    [Fact]
    public async Task Test_WithExpectedResult_AnswersVersion()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/test", new { expected_result = "ok" });

        Assert.Equal(SimulatorOptions.ServerVersion, result.Str("version"));
    }

    [Fact]
    public async Task GetTime_AnswersMillisecondsNow()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/get_time");

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(result.GetInt64(), now - 60_000, now + 60_000);
    }

    [Fact]
    public async Task Status_AnswersNotLocked()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/status");

        Assert.Equal("false", result.Str("locked"));
        Assert.Equal(JsonValueKind.Array, result.GetProperty("locked_indices").ValueKind);
    }

    [Fact]
    public async Task Options_Invalid_ListsEveryProblem()
    {
        var options = new SimulatorOptions { Port = -1, MinHeartbeatInterval = TimeSpan.Zero };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => DeribitSimulator.StartAsync(options));

        Assert.Contains("Port", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinHeartbeatInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreTheExchangesNumbers()
    {
        var options = new SimulatorOptions();

        Assert.Equal(0, options.Port);
        Assert.Equal("sim-secret", options.Accounts["sim-client"]);
        Assert.Equal(TimeSpan.FromSeconds(900), options.TokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MinHeartbeatInterval);
        Assert.Equal(["BTC-PERPETUAL", "ETH-PERPETUAL"], options.Instruments);
        Assert.Equal(50_000, options.RateLimit.MaxCredits);
        Assert.Equal(10_000, options.RateLimit.RefillPerSecond);
        Assert.Equal(500, options.RateLimit.CostPerRequest);
        Assert.True(options.RateLimit.Enabled);
        Assert.False(options.Blast);
    }
}
