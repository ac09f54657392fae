using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Protocol;

public sealed class EnvelopeTests
{
    [Fact]
    public async Task Result_CarriesTheExchangeEnvelope()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var reply = await client.RequestAsync("public/test");

        Assert.Equal("2.0", reply.Str("jsonrpc"));
        Assert.Equal(1, reply.GetProperty("id").GetInt32());
        Assert.Equal(SimulatorOptions.ServerVersion, reply.GetProperty("result").Str("version"));
        var usIn = reply.GetProperty("usIn").GetInt64();
        var usOut = reply.GetProperty("usOut").GetInt64();
        Assert.True(usIn > 1_600_000_000_000_000, "usIn is microseconds since the epoch");
        Assert.Equal(usOut - usIn, reply.GetProperty("usDiff").GetInt64());
        Assert.True(reply.GetProperty("testnet").GetBoolean());
    }

    [Fact]
    public async Task StringId_IsEchoedAsGiven()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        await client.SendTextAsync("""{"jsonrpc":"2.0","id":"abc-7","method":"public/get_time","params":{}}""");
        var reply = await client.WaitForAsync(m => m.HasId("\"abc-7\""));

        Assert.Equal(JsonValueKind.Number, reply.Json!.Value.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Error_CarriesCodeMessageAndEnvelope()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var reply = await client.RequestAsync("public/no_such_method");

        var error = reply.GetProperty("error");
        Assert.Equal(-32601, error.Code());
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
        Assert.False(reply.TryGetProperty("result", out _));
        Json.HasProperties(reply, "usIn", "usOut", "usDiff", "testnet");
    }

    [Fact]
    public async Task UnparseableJson_Answers32700WithNullId()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        await client.SendTextAsync("{not json");
        var reply = (await client.NextAsync()).Json!.Value;

        Assert.Equal(-32700, reply.GetProperty("error").Code());
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task MissingMethod_Answers32600()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        await client.SendTextAsync("""{"jsonrpc":"2.0","id":3,"params":{}}""");
        var reply = await client.WaitForAsync(m => m.HasId("3"));

        Assert.Equal(-32600, reply.Json!.Value.GetProperty("error").Code());
    }

    [Fact]
    public async Task BadParams_Answers32602WithParamAndReason()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("public/subscribe", new { channels = "book.BTC-PERPETUAL.100ms" });

        Assert.Equal(-32602, error.Code());
        Assert.Equal("channels", error.GetProperty("data").Str("param"));
        Json.HasProperties(error.GetProperty("data"), "reason");
    }

    [Fact]
    public async Task Replies_ComeInRequestOrder_WithoutFaults()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        for (var i = 0; i < 5; i++)
        {
            await client.SendRequestAsync("public/test");
        }

        for (var i = 1; i <= 5; i++)
        {
            Assert.True((await client.NextAsync()).HasId(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task OversizedRequest_ClosesWith1009()
    {
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { MaxRequestBytes = 1024 });
        await using var client = await TestClient.ConnectAsync(sim);

        await client.SendRequestAsync("public/test", new { expected_result = new string('x', 2000) });
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, end.CloseStatus);
    }

    [Fact]
    public async Task BinaryGarbage_Answers32700_AndTheConnectionLives()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        await client.Socket.SendAsync(new byte[] { 0xFF, 0x00, 0x13 }, System.Net.WebSockets.WebSocketMessageType.Binary, true, CancellationToken.None);
        var reply = (await client.NextAsync()).Json!.Value;

        Assert.Equal(-32700, reply.GetProperty("error").Code());
        await client.ResultAsync("public/test");
    }
}
