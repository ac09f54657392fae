using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>How a <see cref="GatewayMarketData"/> consumer reaches its gateway.</summary>
public sealed class GatewayConsumerOptions
{
    /// <summary>The default lease renewal interval: 5 seconds.</summary>
    public static readonly TimeSpan DefaultLeaseInterval = TimeSpan.FromSeconds(5);

    /// <summary>The default time to wait for a gateway's answer: 2 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The default pause before asking again when no gateway answered: 250 ms.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The default number of messages a subscription may hold unread: 65,536.</summary>
    public const int DefaultPendingCapacity = 65_536;

    /// <summary>The NATS server. The default value is <see cref="GatewayOptions.DefaultNatsUrl"/>.</summary>
    public string NatsUrl { get; set; } = GatewayOptions.DefaultNatsUrl;

    /// <summary>The gateway's subject prefix. The default value is <see cref="GatewaySubjects.DefaultPrefix"/>.</summary>
    public string SubjectPrefix { get; set; } = GatewaySubjects.DefaultPrefix;

    /// <summary>This consumer's id at the gateway; unique per process. The default value is generated (host, process, random).</summary>
    public string ConsumerId { get; set; } = NewConsumerId(Environment.MachineName, Environment.ProcessId);

    /// <summary>
    /// How often the consumer renews its interest; keep it well under the gateway's
    /// <see cref="GatewayOptions.LeaseTimeout"/>. The default value is <see cref="DefaultLeaseInterval"/>.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = DefaultLeaseInterval;

    /// <summary>How long to wait for a gateway's answer. The default value is <see cref="DefaultRequestTimeout"/>.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>How long to pause before asking again when no gateway answered. The default value is <see cref="DefaultRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = DefaultRetryDelay;

    /// <summary>
    /// How many messages one subscription may hold while its observer is busy. Beyond it the newest waiting one is dropped; the
    /// consumer sees the hole and, for a book, emits a Reset and a fresh Snapshot. The default value is <see cref="DefaultPendingCapacity"/>.
    /// </summary>
    public int PendingCapacity { get; set; } = DefaultPendingCapacity;

    /// <summary>The clock for leases and retries. The default value is <see cref="TimeProvider.System"/>.</summary>
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

        if (string.IsNullOrWhiteSpace(SubjectPrefix))
        {
            problems.Add("SubjectPrefix is required.");
        }

        if (string.IsNullOrWhiteSpace(ConsumerId))
        {
            problems.Add("ConsumerId is required.");
        }

        if (LeaseInterval < TimeSpan.FromMilliseconds(10))
        {
            problems.Add($"LeaseInterval must be at least 10 ms (was {LeaseInterval}).");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"RequestTimeout must be positive (was {RequestTimeout}).");
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            problems.Add($"RetryDelay must be positive (was {RetryDelay}).");
        }

        if (PendingCapacity < 1)
        {
            problems.Add($"PendingCapacity must be at least 1 (was {PendingCapacity}).");
        }

        if (TimeProvider is null || LoggerFactory is null)
        {
            problems.Add("TimeProvider and LoggerFactory are required.");
        }

        return problems;
    }

    /// <summary>Throws when any rule is broken.</summary>
    /// <exception cref="InvalidOptionsException">Lists every problem.</exception>
    public void Validate()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOptionsException(nameof(GatewayConsumerOptions), problems);
        }
    }

    internal GatewayConsumerOptions Copy() => (GatewayConsumerOptions)MemberwiseClone();

    /// <summary>
    /// A consumer id of at most 40 characters: host and process (cut to 27 characters when longer), then 12 random hex
    /// digits, which are always kept so two consumers on one long-named host still differ.
    /// </summary>
    internal static string NewConsumerId(string machineName, int processId)
    {
        var origin = $"{machineName}-{processId}";
        return $"{(origin.Length > 27 ? origin[..27] : origin)}-{Guid.NewGuid():N}"[..^20];
    }
}
