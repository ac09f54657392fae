using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>How a <see cref="MarketDataGateway"/> runs.</summary>
public sealed class GatewayOptions
{
    /// <summary>The default NATS server: <c>nats://127.0.0.1:4222</c>.</summary>
    public const string DefaultNatsUrl = "nats://127.0.0.1:4222";

    /// <summary>The default lease timeout: 15 seconds (three missed renewals at the consumers' default 5 s interval).</summary>
    public static readonly TimeSpan DefaultLeaseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The default outbound queue capacity: 65,536 messages.</summary>
    public const int DefaultOutboundCapacity = 65_536;

    /// <summary>The default leader TTL: 3 seconds.</summary>
    public static readonly TimeSpan DefaultLeaderTtl = TimeSpan.FromSeconds(3);

    /// <summary>The NATS server. The default value is <see cref="DefaultNatsUrl"/>.</summary>
    public string NatsUrl { get; set; } = DefaultNatsUrl;

    /// <summary>The subjects' prefix (see <see cref="GatewaySubjects"/>). The default value is <see cref="GatewaySubjects.DefaultPrefix"/>.</summary>
    public string SubjectPrefix { get; set; } = GatewaySubjects.DefaultPrefix;

    /// <summary>
    /// How long a consumer's interest lasts without a renewal; when the last consumer of a channel expires, the gateway
    /// unsubscribes it at the exchange. Checked every quarter of this. The default value is <see cref="DefaultLeaseTimeout"/>.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = DefaultLeaseTimeout;

    /// <summary>
    /// How many messages may wait for NATS; beyond it messages are dropped and counted (consumers resynchronise).
    /// This bounds the gateway's memory when NATS is slow or down. The default value is <see cref="DefaultOutboundCapacity"/>.
    /// </summary>
    public int OutboundCapacity { get; set; } = DefaultOutboundCapacity;

    /// <summary>
    /// How long the leader key outlives its holder: gateways sharing a prefix elect one active through a JetStream KV
    /// key (bucket <c>{prefix}_gateway</c>, key <c>leader</c>) renewed every third of this; when the active one dies a
    /// standby takes over within about this long. <see langword="null"/> turns election off (the gateway is always
    /// active, and the NATS server needs no JetStream). The default value is <see cref="DefaultLeaderTtl"/>.
    /// </summary>
    public TimeSpan? LeaderTtl { get; set; } = DefaultLeaderTtl;

    /// <summary>The clock for leases. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging. The default value is <see cref="NullLoggerFactory.Instance"/>.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Every rule the options break, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(NatsUrl, UriKind.Absolute, out var url) || url.Scheme is not ("nats" or "tls" or "ws" or "wss"))
        {
            problems.Add($"NatsUrl must be an absolute nats://, tls://, ws:// or wss:// URL (was '{NatsUrl}').");
        }

        if (string.IsNullOrWhiteSpace(SubjectPrefix) || SubjectPrefix.Split('.').Any(static t => t.Length == 0 || t.Any(static c => c is '*' or '>' || char.IsWhiteSpace(c))))
        {
            problems.Add($"SubjectPrefix must be dot-separated NATS tokens without wildcards or spaces (was '{SubjectPrefix}').");
        }

        if (LeaseTimeout < TimeSpan.FromMilliseconds(100))
        {
            problems.Add($"LeaseTimeout must be at least 100 ms (was {LeaseTimeout}).");
        }

        if (LeaderTtl is { } ttl && ttl < TimeSpan.FromMilliseconds(300))
        {
            problems.Add($"LeaderTtl must be at least 300 ms, or null for no election (was {ttl}).");
        }

        if (OutboundCapacity < 1)
        {
            problems.Add($"OutboundCapacity must be at least 1 (was {OutboundCapacity}).");
        }

        if (TimeProvider is null)
        {
            problems.Add("TimeProvider is required.");
        }

        if (LoggerFactory is null)
        {
            problems.Add("LoggerFactory is required.");
        }

        return problems;
    }

    /// <summary>Throws when any rule is broken.</summary>
    /// <exception cref="InvalidOptionsException">Lists every problem.</exception>
    public void Validate()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOptionsException(nameof(GatewayOptions), problems);
        }
    }

    internal GatewayOptions Copy() => (GatewayOptions)MemberwiseClone();
}
