using System.Globalization;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Cli;

/// <summary>Reads the command line (and, with <c>--url</c>, the API key from the environment) into <see cref="DemoSettings"/>.</summary>
internal static class ArgumentParser
{
    public const string ClientIdVariable = "DERIBIT_CLIENT_ID";
    public const string ClientSecretVariable = "DERIBIT_CLIENT_SECRET";

    public const string Usage = """
        usage: dotnet run --project src/WebsockexAdapter.Rx.Demo -- [options]

          --duration S      stop after S seconds (default 30); Ctrl+C stops at any time
          --fault-every S   seconds of live connection between two faults (default 5)
          --no-faults       inject no faults
          --heartbeat S     heartbeat interval against the simulator (default 1; a stall is noticed after 2x)
          --instrument I    instrument to watch and trade (default BTC-PERPETUAL)
          --url URL         a real exchange instead of the simulator, e.g. wss://test.deribit.com/ws/api/v2;
                            API key from DERIBIT_CLIENT_ID / DERIBIT_CLIENT_SECRET (public channels only without one)
          --report FILE     write the run's timeline chart: FILE.html (chart, faults, summary) or FILE.png
          --record FILE     record the session (every frame in and out) to FILE, for a backtest
          --backtest [FILE] replay FILE through a strategy on recorded time, twice, and compare; without FILE,
                            record a session with the simulator to backtest.wxrec first (--duration applies)
          --gateway         share one exchange session with 3 strategy hosts through NATS (starts nats-server,
                            which must be installed: apt-get install nats-server); drops the exchange under it
          --help            show this
        """;

    /// <exception cref="DemoException">An argument is unknown or its value is invalid.</exception>
    public static DemoSettings Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new DemoSettings();
        var heartbeatGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new DemoException(DemoError.Usage, $"{name} needs a value.");
            switch (name)
            {
                case "--duration":
                    settings = settings with { Duration = Seconds(name, Value(), min: 1) };
                    break;
                case "--fault-every":
                    settings = settings with { FaultInterval = Seconds(name, Value(), min: 0.1) };
                    break;
                case "--no-faults":
                    settings = settings with { Faults = false };
                    break;
                case "--heartbeat":
                    settings = settings with { Heartbeat = Seconds(name, Value(), min: 0.1) };
                    heartbeatGiven = true;
                    break;
                case "--instrument":
                    settings = settings with { Instrument = Instrument(Value()) };
                    break;
                case "--url":
                    settings = settings with { Url = Url(Value()) };
                    break;
                case "--report":
                    settings = settings with { Report = Report(Value()) };
                    break;
                case "--record":
                    settings = settings with { RecordTo = File(name, Value()) };
                    break;
                case "--backtest":
                    settings = settings with { Backtest = true, BacktestFile = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? File(name, args[++i]) : null };
                    break;
                case "--gateway":
                    settings = settings with { Gateway = true };
                    break;
                case "--help" or "-h":
                    return settings with { ShowHelp = true };
                default:
                    throw new DemoException(DemoError.Usage, $"Unknown argument '{name}'.");
            }
        }

        if (settings.Url is null)
        {
            return settings;
        }

        if (heartbeatGiven)
        {
            throw new DemoException(DemoError.Usage, "--heartbeat applies to the embedded simulator; a real exchange takes 10 s at least.");
        }

        return settings with { Heartbeat = DeribitOptions.DefaultHeartbeatInterval, Credentials = Credentials(environment) };
    }

    private static TimeSpan Seconds(string name, string value, double min)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || double.IsNaN(seconds))
        {
            throw new DemoException(DemoError.Usage, $"{name} takes a number of seconds (was '{value}').");
        }

        if (seconds < min || seconds > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw new DemoException(DemoError.Usage, $"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} s and one day (was {value}).");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string File(string name, string value) =>
        !string.IsNullOrWhiteSpace(value) && value.IndexOfAny(Path.GetInvalidPathChars()) < 0
            ? value
            : throw new DemoException(DemoError.Usage, $"{name} takes a file name (was '{value}').");

    private static string Instrument(string value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Contains('.', StringComparison.Ordinal)
            ? value
            : throw new DemoException(DemoError.Usage, $"--instrument takes an instrument name such as BTC-PERPETUAL (was '{value}').");

    private static string Report(string value) =>
        Demo.Report.ReportWriter.FormatOf(value) is not null
            ? value
            : throw new DemoException(DemoError.Usage, $"--report takes a file name ending in .html or .png (was '{value}').");

    private static Uri Url(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss") || string.IsNullOrEmpty(url.Host))
        {
            throw new DemoException(DemoError.BadUrl, $"--url must be an absolute ws:// or wss:// address, e.g. {DeribitOptions.TestNetUrl} (was '{value}').");
        }

        return url;
    }

    private static DeribitCredentials? Credentials(Func<string, string?> environment)
    {
        var id = environment(ClientIdVariable);
        var secret = environment(ClientSecretVariable);
        return (string.IsNullOrWhiteSpace(id), string.IsNullOrWhiteSpace(secret)) switch
        {
            (true, true) => null,
            (false, false) => new DeribitCredentials { ClientId = id!, ClientSecret = secret! },
            _ => throw new DemoException(DemoError.BadCredentials, $"Set both {ClientIdVariable} and {ClientSecretVariable}, or neither (public channels only)."),
        };
    }
}
