namespace WebsockexAdapter.Rx.Deribit.Tests.Options;

public sealed class DeribitOptionsTest
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new DeribitOptions();

        Assert.Equal(new Uri("wss://test.deribit.com/ws/api/v2"), options.Url);
        Assert.Null(options.Credentials);
        Assert.Equal(TimeSpan.FromSeconds(10), options.HeartbeatInterval);
        Assert.Equal(CancelOnDisconnectScope.Off, options.CancelOnDisconnect);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(0.8, options.TokenRefreshRatio);
        Assert.Equal(new BackoffOptions(), options.Backoff);
        Assert.Equal(new KeepAliveOptions { Interval = TimeSpan.FromMilliseconds(500), PongTimeout = TimeSpan.FromMilliseconds(1500) }, options.Client.KeepAlive);
        Assert.Equal(ClientOptions.DefaultConnectTimeout, options.Client.ConnectTimeout);
        Assert.True(options.RateLimits.Enabled);
        Assert.Equal((50_000, 10_000, 500, 20, 5, 100), (options.RateLimits.MaxCredits, options.RateLimits.CreditsPerSecond, options.RateLimits.CostPerRequest, options.RateLimits.MatchingEngineBurst, options.RateLimits.MatchingEnginePerSecond, options.RateLimits.MaxQueuedRequests));
        Assert.Equal(AuthMethod.ClientSignature, new DeribitCredentials().Method);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Validate_ListsEveryProblemInOneException()
    {
        var options = new DeribitOptions
        {
            Url = new Uri("http://example.com/"),
            Credentials = new DeribitCredentials { ClientId = "", ClientSecret = "" },
            HeartbeatInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(-1),
            TokenRefreshRatio = 1.5,
            RateLimits = new DeribitRateLimitOptions { MaxCredits = 0 },
            Backoff = new BackoffOptions { Multiplier = 0.5 },
            Client = new ClientOptions { ConnectTimeout = TimeSpan.Zero },
        };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(
            [
                "Url must be an absolute ws:// or wss:// address (was 'http://example.com/').",
                "Credentials need both a ClientId and a ClientSecret.",
                "HeartbeatInterval must be positive and at most one hour (was 00:00:00).",
                "RequestTimeout must be positive (was -00:00:01).",
                "TokenRefreshRatio must be between 0 and 1, exclusive (was 1.5).",
                "Backoff.Multiplier must be between 1 and 100 (was 0.5).",
                "RateLimits.MaxCredits must be between 1 and 2147483647 (was 0).",
                "RateLimits.CostPerRequest must be between 0 and 0 (was 500).",
                "Client.ConnectTimeout must be positive (was 00:00:00).",
            ],
            error.Errors);
        Assert.Throws<InvalidOptionsException>(() => new DeribitAdapter(options));
    }

    [Fact]
    public void Credentials_OverPlainWs_AreRefusedExceptToLoopback()
    {
        var remote = new DeribitOptions { Url = new Uri("ws://exchange.example/ws/api/v2"), Credentials = new() { ClientId = "a", ClientSecret = "b" } };
        var loopback = new DeribitOptions { Url = new Uri("ws://127.0.0.1:8080/ws/api/v2"), Credentials = new() { ClientId = "a", ClientSecret = "b" } };

        Assert.Contains(remote.Problems(), p => p.Contains("refused over unencrypted ws://", StringComparison.Ordinal));
        Assert.Empty(loopback.Problems());
    }

    [Fact]
    public void CancelOnDisconnect_NeedsCredentials()
    {
        var options = new DeribitOptions { CancelOnDisconnect = CancelOnDisconnectScope.Account };

        Assert.Equal(["CancelOnDisconnect needs Credentials: it is a private method."], options.Problems());
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var credentials = new DeribitCredentials { ClientId = "my-id", ClientSecret = "very-secret" };

        Assert.Contains("my-id", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Adapter_TakesACopy_SoLaterChangesDoNotReachIt()
    {
        var options = new DeribitOptions { Credentials = new() { ClientId = "a", ClientSecret = "b" } };
        using var adapter = new DeribitAdapter(options);

        options.Credentials.ClientId = "changed";
        options.HeartbeatInterval = TimeSpan.FromMinutes(5);

        Assert.Equal("a", adapter.Options.Credentials!.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(10), adapter.Options.HeartbeatInterval);
    }
}
