using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>
/// How a <see cref="DeribitSimulator"/> behaves. Every property has a documented default, so
/// <c>new SimulatorOptions()</c> is a working exchange with one account.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>The client id of the default account.</summary>
    public const string DefaultClientId = "sim-client";

    /// <summary>The client secret of the default account.</summary>
    public const string DefaultClientSecret = "sim-secret";

    /// <summary>The default market-data seed.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The version <c>public/test</c> and <c>public/hello</c> answer.</summary>
    public const string ServerVersion = "1.2.26";

    /// <summary>The default access-token lifetime (<c>expires_in</c>): 900 seconds.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(900);

    /// <summary>The default refresh-token lifetime: 7 days.</summary>
    public static readonly TimeSpan DefaultRefreshTokenLifetime = TimeSpan.FromDays(7);

    /// <summary>The default smallest heartbeat interval <c>public/set_heartbeat</c> accepts: 10 seconds, as the exchange.</summary>
    public static readonly TimeSpan DefaultMinHeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>The default interval of <c>raw</c> channels: 15 milliseconds.</summary>
    public static readonly TimeSpan DefaultRawInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>The TCP port to listen on, on 127.0.0.1. The default value is 0: a free port chosen by the system.</summary>
    public int Port { get; init; }

    /// <summary>Seeds the market-data generator; the same seed gives the same stream per channel. The default value is 42.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// The accounts: client id to client secret. The default value is one account,
    /// <see cref="DefaultClientId"/> / <see cref="DefaultClientSecret"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Accounts { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultClientId] = DefaultClientSecret };

    /// <summary>How long an access token lives (<c>expires_in</c>). The default value is 900 seconds.</summary>
    public TimeSpan TokenLifetime { get; init; } = DefaultTokenLifetime;

    /// <summary>How long a refresh token lives. The default value is 7 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = DefaultRefreshTokenLifetime;

    /// <summary>
    /// The smallest interval <c>public/set_heartbeat</c> accepts; fractional seconds are accepted when this allows.
    /// The default value is 10 seconds; tests set a fraction of a second.
    /// </summary>
    public TimeSpan MinHeartbeatInterval { get; init; } = DefaultMinHeartbeatInterval;

    /// <summary>The instruments that exist. The default value is BTC-PERPETUAL and ETH-PERPETUAL.</summary>
    public IReadOnlyList<string> Instruments { get; init; } = ["BTC-PERPETUAL", "ETH-PERPETUAL"];

    /// <summary>
    /// When set, every market-data channel publishes at this interval instead of the one its name says.
    /// The default value is null: <c>100ms</c> and <c>agg2</c> publish every 100 ms, <c>raw</c> every <see cref="RawInterval"/>.
    /// </summary>
    public TimeSpan? NotificationInterval { get; init; }

    /// <summary>
    /// Intervals for particular channels, by exact channel name; they win over <see cref="NotificationInterval"/>.
    /// The default value is empty.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> ChannelIntervals { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>How often a <c>raw</c> channel publishes. The default value is 15 milliseconds.</summary>
    public TimeSpan RawInterval { get; init; } = DefaultRawInterval;

    /// <summary>
    /// When true, every market-data subscription streams as fast as the socket accepts (for benchmarks).
    /// The default value is false.
    /// </summary>
    public bool Blast { get; init; }

    /// <summary>Credit-based rate limiting, as the exchange documents it. The default value is enabled with the exchange's numbers.</summary>
    public RateLimitOptions RateLimit { get; init; } = new();

    /// <summary>The largest request the server reads; a larger one closes the connection with 1009. The default value is 64 KiB.</summary>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>The clock for heartbeats, tokens, credits and the envelope's timestamps. The default value is the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the simulator and its Kestrel server log. The default value logs nothing.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Throws one <see cref="ArgumentException"/> that lists every invalid setting.</summary>
    internal void Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535)
        {
            problems.Add($"Port must be within 0..65535 (was {Port}).");
        }

        if (Accounts is null || Accounts.Count == 0)
        {
            problems.Add("Accounts must hold at least one client id.");
        }

        if (TokenLifetime <= TimeSpan.Zero || RefreshTokenLifetime <= TimeSpan.Zero)
        {
            problems.Add("TokenLifetime and RefreshTokenLifetime must be positive.");
        }

        if (MinHeartbeatInterval <= TimeSpan.Zero)
        {
            problems.Add("MinHeartbeatInterval must be positive.");
        }

        if (Instruments is null || Instruments.Count == 0 || Instruments.Any(i => string.IsNullOrEmpty(i) || i.Contains('.', StringComparison.Ordinal)))
        {
            problems.Add("Instruments must hold at least one name, none empty or containing '.'.");
        }

        if (NotificationInterval is { } interval && interval <= TimeSpan.Zero || RawInterval <= TimeSpan.Zero
            || ChannelIntervals is null || ChannelIntervals.Values.Any(i => i <= TimeSpan.Zero))
        {
            problems.Add("NotificationInterval, RawInterval and ChannelIntervals must be positive.");
        }

        if (MaxRequestBytes < 1024)
        {
            problems.Add("MaxRequestBytes must be at least 1024.");
        }

        problems.AddRange(RateLimit?.Problems() ?? ["RateLimit must not be null."]);
        if (TimeProvider is null || LoggerFactory is null)
        {
            problems.Add("TimeProvider and LoggerFactory must not be null.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid simulator options: " + string.Join(" ", problems));
        }
    }
}
