using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>
/// The standalone server: <c>dotnet run --project src/WebsockexAdapter.Rx.Simulator -- --port 8080</c>.
/// Runs until Ctrl+C (or SIGTERM).
/// </summary>
internal static class Program
{
    private const string Usage = "usage: WebsockexAdapter.Rx.Simulator [--port N] [--seed N] [--min-heartbeat SECONDS] [--token-lifetime SECONDS] [--blast] [--no-rate-limit] [--verbose]";

    public static async Task<int> Main(string[] args)
    {
        SimulatorOptions options;
        bool verbose;
        try
        {
            (options, verbose) = Parse(args);
        }
        catch (Exception error) when (error is FormatException or OverflowException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"{error.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddFilter("Microsoft", verbose ? LogLevel.Information : LogLevel.Warning));
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            // Cancelled so that Main can dispose the simulator (close frames to clients) before the process ends.
            context.Cancel = true;
            stopped.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var simulator = await DeribitSimulator.StartAsync(options with { LoggerFactory = loggerFactory }).ConfigureAwait(false);
        Console.WriteLine($"Deribit simulator listening on {simulator.Uri}");
        Console.WriteLine($"Control endpoint: {simulator.ControlUri} (POST drop, close?code=4000, stall, ...; GET state)");
        Console.WriteLine($"Account: {SimulatorOptions.DefaultClientId} / {SimulatorOptions.DefaultClientSecret}. Ctrl+C stops.");
        await stopped.Task.ConfigureAwait(false);
        Console.WriteLine("Stopping.");
        return 0;
    }

    private static (SimulatorOptions Options, bool Verbose) Parse(string[] args)
    {
        var options = new SimulatorOptions { Port = 8080 };
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port": options = options with { Port = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--seed": options = options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--min-heartbeat": options = options with { MinHeartbeatInterval = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) }; break;
                case "--token-lifetime": options = options with { TokenLifetime = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) }; break;
                case "--blast": options = options with { Blast = true }; break;
                case "--no-rate-limit": options = options with { RateLimit = options.RateLimit with { Enabled = false } }; break;
                case "--verbose": verbose = true; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }

        options.Validate();
        return (options, verbose);
    }
}
