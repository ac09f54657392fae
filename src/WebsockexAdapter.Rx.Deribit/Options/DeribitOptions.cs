using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Everything a <see cref="DeribitAdapter"/> needs. Settable, so the Options pattern can bind it; the adapter takes a
/// copy when it is built and checks it once, throwing one <see cref="InvalidOptionsException"/> that lists every problem.
/// </summary>
public sealed class DeribitOptions
{
    /// <summary>The production endpoint.</summary>
    public static readonly Uri ProductionUrl = new("wss://www.deribit.com/ws/api/v2");

    /// <summary>The test network's endpoint, and the default value of <see cref="Url"/>.</summary>
    public static readonly Uri TestNetUrl = new("wss://test.deribit.com/ws/api/v2");

    /// <summary>The default value of <see cref="HeartbeatInterval"/>: 10 seconds, the exchange's minimum.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>The default value of <see cref="RequestTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The default keep-alive of <see cref="Client"/>: a WebSocket ping every 500 ms, and the connection is dead when,
    /// after a ping, neither its pong nor any other frame arrives for 1.5 s (a pong late behind a busy feed is no dead
    /// connection). The exchange answers pings and they cost no credits; over the default transport the
    /// ping is a timer on <see cref="Scheduler"/> and costs nothing per message.
    /// </summary>
    public static readonly KeepAliveOptions DefaultKeepAlive = new() { Interval = TimeSpan.FromMilliseconds(500), PongTimeout = TimeSpan.FromMilliseconds(1500) };

    /// <summary>The default value of <see cref="TokenRefreshRatio"/>: 0.8 (refresh after 80 % of the token's life).</summary>
    public const double DefaultTokenRefreshRatio = 0.8;

    /// <summary>The exchange's endpoint. The default value is the test network, <see cref="TestNetUrl"/>.</summary>
    public Uri Url { get; set; } = TestNetUrl;

    /// <summary>The API key; <see langword="null"/> for public data only. The default value is <see langword="null"/>.</summary>
    public DeribitCredentials? Credentials { get; set; }

    /// <summary>
    /// The <c>public/set_heartbeat</c> interval. The exchange sends a heartbeat every interval and a
    /// <c>test_request</c> the adapter answers; no heartbeat for twice the interval means the connection is dead.
    /// The default value is 10 seconds (the exchange's minimum).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>
    /// Cancel-on-disconnect, enabled again on every connection (needs <see cref="Credentials"/>). The default value is
    /// <see cref="CancelOnDisconnectScope.Off"/>.
    /// </summary>
    public CancelOnDisconnectScope CancelOnDisconnect { get; set; } = CancelOnDisconnectScope.Off;

    /// <summary>
    /// The adapter's reconnect delays. The client's own retry is always off: this is the only layer that reconnects.
    /// The default value is a <see cref="BackoffOptions"/> with its defaults (1 s doubling to 30 s, jittered).
    /// </summary>
    public BackoffOptions Backoff { get; set; } = new();

    /// <summary>How long a call waits for its reply. The default value is 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>
    /// When to refresh the access token, as a fraction of its <c>expires_in</c>. The default value is 0.8.
    /// </summary>
    public double TokenRefreshRatio { get; set; } = DefaultTokenRefreshRatio;

    /// <summary>Client-side rate limiting in credits. The default value follows the exchange's documented limits.</summary>
    public DeribitRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>
    /// How each stream reaches its subscribers: one queue per subscriber, the slow-consumer policy of each stream, and the
    /// grace a failing subscriber's channel is kept for. The default value is <see cref="DeribitDeliveryOptions"/> with its
    /// defaults (tickers conflated; book, trades, orders, raw channels and states queued up to 10,000; 30 s grace).
    /// </summary>
    public DeribitDeliveryOptions Delivery { get; set; } = new();

    /// <summary>
    /// Socket-level settings (connect timeout, keep-alive, message size, transport, TLS validation). Its
    /// <see cref="ClientOptions.ReconnectOnError"/>, <see cref="ClientOptions.Scheduler"/> and
    /// <see cref="ClientOptions.LoggerFactory"/> are replaced by the adapter's. The default value is a
    /// <see cref="ClientOptions"/> with its defaults except <see cref="ClientOptions.KeepAlive"/>, which is
    /// <see cref="DefaultKeepAlive"/>: a stalled server or a path that swallows frames is noticed within 2 s, where the
    /// exchange's heartbeat alone takes twice <see cref="HeartbeatInterval"/> (20 s by default).
    /// </summary>
    public ClientOptions Client { get; set; } = new() { KeepAlive = DefaultKeepAlive };

    /// <summary>Every delay, timeout, heartbeat check and token refresh runs on this scheduler. The default value is <see cref="DefaultScheduler.Instance"/>.</summary>
    public IScheduler Scheduler { get; set; } = DefaultScheduler.Instance;

    /// <summary>Where log lines go; secrets and tokens never appear in them. The default value is <see cref="NullLoggerFactory.Instance"/>.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Every rule that is broken, one sentence each; empty when the options are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();
        OptionRules.NotNull(errors, nameof(Url), Url);
        if (Url is not null && (!Url.IsAbsoluteUri || Url.Scheme is not ("ws" or "wss")))
        {
            errors.Add($"{nameof(Url)} must be an absolute ws:// or wss:// address (was '{Url}').");
        }

        if (Credentials is { } credentials)
        {
            if (string.IsNullOrWhiteSpace(credentials.ClientId) || string.IsNullOrWhiteSpace(credentials.ClientSecret))
            {
                errors.Add($"{nameof(Credentials)} need both a ClientId and a ClientSecret.");
            }

            if (!Enum.IsDefined(credentials.Method))
            {
                errors.Add($"{nameof(Credentials)}.{nameof(DeribitCredentials.Method)} is not a known method ({credentials.Method}).");
            }

            if (Url is { IsAbsoluteUri: true, Scheme: "ws", IsLoopback: false })
            {
                errors.Add($"{nameof(Credentials)} are refused over unencrypted ws:// except to a loopback address; use wss://.");
            }
        }

        if (CancelOnDisconnect != CancelOnDisconnectScope.Off && Credentials is null)
        {
            errors.Add($"{nameof(CancelOnDisconnect)} needs {nameof(Credentials)}: it is a private method.");
        }

        if (!Enum.IsDefined(CancelOnDisconnect))
        {
            errors.Add($"{nameof(CancelOnDisconnect)} is not a known scope ({CancelOnDisconnect}).");
        }

        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(HeartbeatInterval)} must be positive and at most one hour (was {HeartbeatInterval}).");
        }

        OptionRules.Positive(errors, nameof(RequestTimeout), RequestTimeout);
        if (!(TokenRefreshRatio > 0 && TokenRefreshRatio < 1))
        {
            errors.Add($"{nameof(TokenRefreshRatio)} must be between 0 and 1, exclusive (was {TokenRefreshRatio}).");
        }

        OptionRules.NotNull(errors, nameof(Backoff), Backoff);
        OptionRules.NotNull(errors, nameof(RateLimits), RateLimits);
        OptionRules.NotNull(errors, nameof(Client), Client);
        OptionRules.NotNull(errors, nameof(Delivery), Delivery);
        Delivery?.AddErrors(errors, nameof(Delivery));
        OptionRules.NotNull(errors, nameof(Scheduler), Scheduler);
        OptionRules.NotNull(errors, nameof(LoggerFactory), LoggerFactory);
        if (Backoff is not null)
        {
            errors.AddRange(Backoff.Problems(nameof(Backoff)));
        }

        RateLimits?.AddErrors(errors, nameof(RateLimits));
        if (Client is not null)
        {
            try
            {
                ToClientOptions().Validate();
            }
            catch (InvalidOptionsException invalid)
            {
                errors.AddRange(invalid.Errors.Select(e => $"{nameof(Client)}.{e}"));
            }
        }

        return errors;
    }

    /// <summary>Checks every rule and throws one <see cref="InvalidOptionsException"/> listing all that are broken.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(DeribitOptions), problems);
        }
    }

    /// <summary>A copy, so that changes made after the adapter was built do not reach it.</summary>
    internal DeribitOptions Copy()
    {
        var copy = (DeribitOptions)MemberwiseClone();
        copy.Credentials = Credentials is { } c ? new DeribitCredentials { ClientId = c.ClientId, ClientSecret = c.ClientSecret, Method = c.Method } : null;
        copy.RateLimits = (DeribitRateLimitOptions)RateLimits.MemberwiseCloneInternal();
        return copy;
    }

    /// <summary>The client's options: socket settings from <see cref="Client"/>, retry off, the adapter's scheduler and logging.</summary>
    internal ClientOptions ToClientOptions() => Client with
    {
        ReconnectOnError = false,
        Scheduler = Scheduler ?? DefaultScheduler.Instance,
        LoggerFactory = LoggerFactory ?? NullLoggerFactory.Instance,
    };
}
