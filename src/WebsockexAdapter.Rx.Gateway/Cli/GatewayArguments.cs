using System.Globalization;

namespace WebsockexAdapter.Rx.Gateway.Cli;

/// <summary>The gateway process's command line.</summary>
internal sealed record GatewayArguments
{
    public const string Usage = """
        usage: dotnet run --project src/WebsockexAdapter.Rx.Gateway -- [options]

          --nats URL        the NATS server (default nats://127.0.0.1:4222); JetStream is not needed for the gateway itself
          --prefix P        subject prefix (default deribit): channels go to P.md.{channel}
          --lease S         seconds a consumer's interest lasts without renewal (default 15)
          --leader-ttl S    gateways on one prefix elect one active through a JetStream KV key living S seconds
                            (default 3): a standby takes over about S seconds after the active one dies
          --no-election     always active (one gateway per prefix; the NATS server needs no JetStream)
          --url URL         a real exchange, e.g. wss://test.deribit.com/ws/api/v2 (API key from DERIBIT_CLIENT_ID /
                            DERIBIT_CLIENT_SECRET); without it the gateway runs the embedded simulator
          --help            show this
        """;

    public string NatsUrl { get; init; } = GatewayOptions.DefaultNatsUrl;

    public string Prefix { get; init; } = GatewaySubjects.DefaultPrefix;

    public TimeSpan Lease { get; init; } = GatewayOptions.DefaultLeaseTimeout;

    public TimeSpan? LeaderTtl { get; init; } = GatewayOptions.DefaultLeaderTtl;

    public Uri? ExchangeUrl { get; init; }

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An argument is unknown or its value is invalid.</exception>
    public static GatewayArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new GatewayArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            parsed = name switch
            {
                "--nats" => parsed with { NatsUrl = Value() },
                "--prefix" => parsed with { Prefix = Value() },
                "--lease" => parsed with { Lease = Seconds(name, Value()) },
                "--leader-ttl" => parsed with { LeaderTtl = Seconds(name, Value()) },
                "--no-election" => parsed with { LeaderTtl = null },
                "--url" => parsed with { ExchangeUrl = Uri.TryCreate(Value(), UriKind.Absolute, out var url) ? url : throw new ArgumentException($"--url needs an absolute ws:// or wss:// URL.") },
                "--help" or "-h" => parsed with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown argument '{name}'."),
            };
        }

        return parsed;
    }

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} needs a number of seconds (was '{value}').");
}
