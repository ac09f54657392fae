using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Control;

public sealed class ControlEndpointTests
{
    [Fact]
    public async Task PostClose_ClosesWithTheGivenCode()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        using var response = await http.PostAsync(new Uri(sim.ControlUri, "close?code=4001&reason=bye"), null);
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((WebSocketCloseStatus)4001, end.CloseStatus);
        Assert.Equal("bye", end.CloseDescription);
    }

    [Fact]
    public async Task PostDrop_AbortsTheConnections()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        using var response = await http.PostAsync(new Uri(sim.ControlUri, "drop"), null);
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(end.IsCloseFrame);
    }

    [Fact]
    public async Task PostRefuse_ThenReset_AcceptsAgain()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        (await http.PostAsync(new Uri(sim.ControlUri, "refuse?seconds=60"), null)).Dispose();
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(sim.Uri, CancellationToken.None));
        (await http.PostAsync(new Uri(sim.ControlUri, "reset"), null)).Dispose();
        await using var client = await TestClient.ConnectAsync(sim);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
    }

    [Fact]
    public async Task GetState_ListsTheConnections()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(sim.ControlUri, "state")));

        Assert.Equal(1, state.RootElement.GetProperty("connections_alive").GetInt32());
        Assert.Equal("public/test", state.RootElement.GetProperty("connections")[0].GetProperty("methods")[0].GetString());
    }

    [Theory]
    [InlineData("no-such-fault", HttpStatusCode.NotFound)]
    [InlineData("close?code=abc", HttpStatusCode.BadRequest)]
    [InlineData("close?code=200", HttpStatusCode.BadRequest)]
    public async Task BadRequests_AreRefused(string action, HttpStatusCode expected)
    {
        await using var sim = await DeribitSimulator.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        using var response = await http.PostAsync(new Uri(sim.ControlUri, action), null);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("stall?on=false")]
    [InlineData("stop-heartbeats?on=false")]
    [InlineData("delay?ms=0")]
    [InlineData("reorder?on=false")]
    [InlineData("malformed-json")]
    [InlineData("invalid-utf8")]
    [InlineData("oversized?bytes=2000")]
    [InlineData("unknown-id")]
    [InlineData("kill-after?n=0")]
    [InlineData("expire-tokens")]
    [InlineData("rate-limit")]
    [InlineData("book-gap")]
    [InlineData("reset")]
    public async Task EveryFault_IsReachable(string action)
    {
        await using var sim = await DeribitSimulator.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        using var response = await http.PostAsync(new Uri(sim.ControlUri, action), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPathAndPlainGet_AreRefused()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        using var notFound = await http.GetAsync(new Uri(sim.ControlUri, "/nowhere"));
        using var notUpgrade = await http.GetAsync(new Uri($"http://127.0.0.1:{sim.Port}/ws/api/v2"));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notUpgrade.StatusCode);
    }
}
