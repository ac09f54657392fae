using System.Diagnostics;
using System.Net.WebSockets;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Faults;

public sealed class FrameFaultTests
{
    [Fact]
    public async Task DelayReplies_DelaysEachReply()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.DelayReplies(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await client.ResultAsync("public/test");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {watch.Elapsed}");
        sim.DelayReplies(TimeSpan.Zero);
    }

    [Fact]
    public async Task ReorderReplies_SwapsPairs()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        sim.ReorderReplies(true);
        await client.SendRequestAsync("public/test");
        await client.SendRequestAsync("public/get_time");

        Assert.True((await client.NextAsync()).HasId("2"));
        Assert.True((await client.NextAsync()).HasId("1"));
    }

    [Fact]
    public async Task ReorderReplies_ALoneReply_StillArrives()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        sim.ReorderReplies(true);

        await client.ResultAsync("public/test");
    }

    [Fact]
    public async Task SendMalformedJson_ArrivesAsAnUnparseableTextFrame()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.SendMalformedJson();
        var frame = await client.NextAsync();

        Assert.Equal(WebSocketMessageType.Text, frame.Type);
        Assert.Null(frame.Json);
    }

    [Fact]
    public async Task SendInvalidUtf8_FailsTheClientsTextDecoding()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.SendInvalidUtf8();
        var (end, _) = await client.WaitForEndAsync();

        // ClientWebSocket validates incoming text as UTF-8 and fails the connection (1007) when it is not.
        Assert.IsType<WebSocketException>(end.Error);
    }

    [Fact]
    public async Task SendOversizedFrame_ArrivesWithTheGivenSize()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.SendOversizedFrame(300_000);
        var frame = await client.NextAsync();

        Assert.Equal(300_000, frame.Bytes.Length);
        Assert.Equal("sim.oversized", frame.Channel);
    }

    [Fact]
    public async Task SendUnknownReplyId_ArrivesAsAReplyNobodyAskedFor()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.SendUnknownReplyId();
        var frame = await client.NextAsync();

        Assert.True(frame.HasId("987654321"));
        Assert.Equal("ok", frame.Json!.Value.Str("result"));
    }

    [Fact]
    public async Task StopHeartbeats_SilencesHeartbeats_WithoutClosing()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = TimeSpan.FromSeconds(0.1) });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/set_heartbeat", new { interval = 0.3 });
        await client.WaitForAsync(m => m.IsHeartbeat("test_request"));

        sim.StopHeartbeats(true);
        await client.ResultAsync("public/test");
        await client.ResultAsync("public/subscribe", new { channels = new[] { "ticker.BTC-PERPETUAL.100ms" } });

        // Ten ticker notifications (about a second, three heartbeat intervals) with no heartbeat among them.
        for (var i = 0; i < 10; i++)
        {
            var next = await client.NextAsync();
            Assert.Null(next.Method == "heartbeat" ? next : null);
        }

        Assert.True(sim.Connections[0].IsOpen);
        sim.StopHeartbeats(false);
        await client.WaitForAsync(m => m.IsHeartbeat("test_request"));
    }
}
