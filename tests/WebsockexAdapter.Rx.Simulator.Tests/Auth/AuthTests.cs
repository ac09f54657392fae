using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Auth;

public sealed class AuthTests
{
    [Fact]
    public async Task ClientCredentials_AnswersTheGrantShape()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.AuthenticateAsync();

        Json.HasProperties(result, "access_token", "expires_in", "refresh_token", "scope", "token_type", "enabled_features");
        Assert.Equal("bearer", result.Str("token_type"));
        Assert.Equal(900, result.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("connection", result.Str("scope"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, result.GetProperty("enabled_features").ValueKind);
        Assert.True(sim.Connections[0].IsAuthenticated);
        Assert.Equal(SimulatorOptions.DefaultClientId, sim.Connections[0].ClientId);
    }

    [Fact]
    public async Task SessionScope_IsAnswered()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var result = await client.ResultAsync("public/auth", new
        {
            grant_type = "client_credentials", client_id = SimulatorOptions.DefaultClientId,
            client_secret = SimulatorOptions.DefaultClientSecret, scope = "session:tests",
        });

        Assert.StartsWith("session:tests", result.Str("scope"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sim-client", "wrong-secret")]
    [InlineData("nobody", "sim-secret")]
    public async Task WrongCredentials_Answer13004(string clientId, string secret)
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("public/auth", new { grant_type = "client_credentials", client_id = clientId, client_secret = secret });

        Assert.Equal(13004, error.Code());
        Assert.False(sim.Connections[0].IsAuthenticated);
    }

    [Fact]
    public async Task Signature_Right_Authenticates()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var result = await client.ResultAsync("public/auth", SignatureParams(timestamp, "n0nce", "", Sign(SimulatorOptions.DefaultClientSecret, timestamp, "n0nce", "")));

        Json.HasProperties(result, "access_token", "refresh_token");
        Assert.True(sim.Connections[0].IsAuthenticated);
    }

    [Fact]
    public async Task Signature_WithData_Authenticates()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var signature = Sign(SimulatorOptions.DefaultClientSecret, timestamp, "abc", "some data");
        await client.ResultAsync("public/auth", SignatureParams(timestamp, "abc", "some data", signature));
    }

    [Fact]
    public async Task Signature_Wrong_IsRejected()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // Signed with the wrong key, and (second case) over a different nonce than the one sent.
        var wrongKey = await client.ErrorAsync("public/auth", SignatureParams(timestamp, "n", "", Sign("not-the-secret", timestamp, "n", "")));
        var wrongNonce = await client.ErrorAsync("public/auth", SignatureParams(timestamp, "n", "", Sign(SimulatorOptions.DefaultClientSecret, timestamp, "other", "")));

        Assert.Equal(13009, wrongKey.Code());
        Assert.Equal(13009, wrongNonce.Code());
        Assert.False(sim.Connections[0].IsAuthenticated);
    }

    [Fact]
    public async Task PrivateMethod_Unauthenticated_Answers13009()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL" });

        Assert.Equal(13009, error.Code());
    }

    [Fact]
    public async Task AccessTokenParam_AuthorisesOneRequest()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var authed = await TestClient.ConnectAsync(sim);
        var token = (await authed.AuthenticateAsync()).Str("access_token");
        await using var other = await TestClient.ConnectAsync(sim);

        var result = await other.ResultAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL", access_token = token });

        Assert.Equal(0, result.GetArrayLength());
        Assert.False(sim.Connections[1].IsAuthenticated);
    }

    [Fact]
    public async Task Token_Expires_AfterExpiresIn()
    {
        var clock = new ManualClock();
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { TokenLifetime = TimeSpan.FromSeconds(30), TimeProvider = clock });
        await using var client = await TestClient.ConnectAsync(sim);
        var grant = await client.AuthenticateAsync();
        Assert.Equal(30, grant.GetProperty("expires_in").GetInt32());
        await client.ResultAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL" });

        clock.Advance(TimeSpan.FromSeconds(31));
        var error = await client.ErrorAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL" });

        Assert.Equal(13009, error.Code());
        Assert.False(sim.Connections[0].IsAuthenticated);
    }

    [Fact]
    public async Task RefreshToken_IssuesNewTokens_AndIsUsedUp()
    {
        var clock = new ManualClock();
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { TokenLifetime = TimeSpan.FromSeconds(30), TimeProvider = clock });
        await using var client = await TestClient.ConnectAsync(sim);
        var first = await client.AuthenticateAsync();
        clock.Advance(TimeSpan.FromSeconds(31));

        var refreshed = await client.ResultAsync("public/auth", new { grant_type = "refresh_token", refresh_token = first.Str("refresh_token") });
        var again = await client.ErrorAsync("public/auth", new { grant_type = "refresh_token", refresh_token = first.Str("refresh_token") });

        Assert.NotEqual(first.Str("access_token"), refreshed.Str("access_token"));
        Assert.Equal(13009, again.Code());
        await client.ResultAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL" });
        Assert.True(sim.Connections[0].IsAuthenticated);
    }

    [Fact]
    public async Task ExpireAllTokens_Answers13009_UntilRefreshed()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        var grant = await client.AuthenticateAsync();

        sim.ExpireAllTokens();
        var error = await client.ErrorAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL" });
        await client.ResultAsync("public/auth", new { grant_type = "refresh_token", refresh_token = grant.Str("refresh_token") });

        Assert.Equal(13009, error.Code());
        await client.ResultAsync("private/get_open_orders_by_instrument", new { instrument_name = "BTC-PERPETUAL" });
    }

    [Fact]
    public async Task NewConnection_IsUnauthenticated()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using (var first = await TestClient.ConnectAsync(sim))
        {
            await first.AuthenticateAsync();
        }

        await using var second = await TestClient.ConnectAsync(sim);
        var error = await second.ErrorAsync("private/cancel_all");

        Assert.Equal(13009, error.Code());
    }

    [Fact]
    public async Task UnknownGrantType_Answers32602()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);

        var error = await client.ErrorAsync("public/auth", new { grant_type = "password" });

        Assert.Equal(-32602, error.Code());
    }

    private static object SignatureParams(long timestamp, string nonce, string data, string signature) => new
    {
        grant_type = "client_signature",
        client_id = SimulatorOptions.DefaultClientId,
        timestamp,
        nonce,
        data,
        signature,
    };

    // Written here from the protocol page, not borrowed from the simulator, so a misreading cannot hide on both sides.
    private static string Sign(string secret, long timestamp, string nonce, string data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{data}")));
}
