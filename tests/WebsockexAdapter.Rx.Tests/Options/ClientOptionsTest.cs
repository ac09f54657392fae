using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Tests.Options;

public sealed class ClientOptionsTest
{
    private static readonly Uri Address = new("wss://exchange.test/ws");

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new ClientOptions();

        Assert.True(options.ReconnectOnError);
        Assert.Equal(new BackoffOptions(), options.Backoff);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal(new KeepAliveOptions(), options.KeepAlive);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CloseTimeout);
        Assert.Equal(4 * 1024 * 1024, options.MaxMessageSize);
        Assert.Equal(16 * 1024, options.ReceiveBufferSize);
        Assert.Empty(options.RequestHeaders);
        Assert.Empty(options.SubProtocols);
        Assert.Null(options.RemoteCertificateValidation);
        Assert.Null(options.Proxy);
        Assert.Same(Rfc6455TransportFactory.Instance, options.TransportFactory);
        Assert.Same(DefaultScheduler.Instance, options.Scheduler);
        Assert.Same(NullLoggerFactory.Instance, options.LoggerFactory);
    }

    [Fact]
    public void DefaultConstants_MatchTheDefaults()
    {
        Assert.True(ClientOptions.DefaultReconnectOnError);
        Assert.Equal(TimeSpan.FromSeconds(10), ClientOptions.DefaultConnectTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, ClientOptions.DefaultIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), ClientOptions.DefaultCloseTimeout);
        Assert.Equal(4 * 1024 * 1024, ClientOptions.DefaultMaxMessageSize);
        Assert.Equal(16 * 1024, ClientOptions.DefaultReceiveBufferSize);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        new ClientOptions().Validate();
        using var client = new WebSocketClient(Address);

        Assert.Equal(new ClientOptions().ConnectTimeout, client.Options.ConnectTimeout);
    }

    [Fact]
    public void Constructor_WithEveryValueWrong_ThrowsOnceListingEveryProblem()
    {
        var options = new ClientOptions
        {
            Backoff = null!,
            KeepAlive = null!,
            RequestHeaders = null!,
            SubProtocols = null!,
            TransportFactory = null!,
            Scheduler = null!,
            LoggerFactory = null!,
            ConnectTimeout = TimeSpan.Zero,
            IdleTimeout = TimeSpan.FromSeconds(-1),
            CloseTimeout = TimeSpan.FromSeconds(-1),
            MaxMessageSize = 0,
            ReceiveBufferSize = 100,
        };

        var error = Assert.Throws<InvalidOptionsException>(() => new WebSocketClient(Address, options));

        Assert.Equal(
            [
                "Backoff is required.",
                "KeepAlive is required.",
                "RequestHeaders is required.",
                "SubProtocols is required.",
                "TransportFactory is required.",
                "Scheduler is required.",
                "LoggerFactory is required.",
                "ConnectTimeout must be positive (was 00:00:00).",
                "IdleTimeout must be positive, or Timeout.InfiniteTimeSpan to turn it off (was -00:00:01).",
                "CloseTimeout must be positive (was -00:00:01).",
                "MaxMessageSize must be between 1 and 2147483647 (was 0).",
                "ReceiveBufferSize must be between 256 and 16777216 (was 100).",
            ],
            error.Errors);
        Assert.Equal(nameof(ClientOptions), error.OptionsName);
        Assert.Equal("ClientOptions is invalid: " + string.Join(" ", error.Errors), error.Message);
    }

    [Fact]
    public void Constructor_WithWrongNestedOptionsAndNames_ListsThemWithTheirPath()
    {
        var options = new ClientOptions
        {
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(-1), ResetAfter = TimeSpan.Zero },
            KeepAlive = new KeepAliveOptions { Interval = TimeSpan.Zero, PongTimeout = TimeSpan.FromSeconds(-1) },
            RequestHeaders = new Dictionary<string, string> { [""] = "x", ["X-Token"] = null! },
            SubProtocols = ["json", " "],
        };

        var error = Assert.Throws<InvalidOptionsException>(() => new WebSocketClient(Address, options));

        Assert.Equal(
            [
                "Backoff.InitialDelay must not be negative (was -00:00:01).",
                "Backoff.ResetAfter must be positive (was 00:00:00).",
                "KeepAlive.Interval must be positive, or Timeout.InfiniteTimeSpan to turn it off (was 00:00:00).",
                "KeepAlive.PongTimeout must be positive (was -00:00:01).",
                "RequestHeaders must not contain a header with an empty name.",
                "RequestHeaders[\"X-Token\"] needs a value.",
                "SubProtocols must not contain an empty name.",
            ],
            error.Errors);
    }

    [Fact]
    public void Validate_NeverQuotesAHeaderValue()
    {
        var options = new ClientOptions { RequestHeaders = new Dictionary<string, string> { [" "] = "secret-token" } };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
    }
}
