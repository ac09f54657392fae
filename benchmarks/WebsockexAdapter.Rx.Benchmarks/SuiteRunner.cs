using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.Gateway;
using WebsockexAdapter.Rx.Benchmarks.Micro;
using WebsockexAdapter.Rx.Benchmarks.Recording;
using WebsockexAdapter.Rx.Benchmarks.Recovery;
using WebsockexAdapter.Rx.Benchmarks.Reporting;
using WebsockexAdapter.Rx.Benchmarks.Soak;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/WebsockexAdapter.Rx.Benchmarks -- &lt;suite&gt; [--quick]</c>.
/// <c>--quick</c> runs small counts in seconds and checks that the suite completed with numbers, nothing more.
/// </summary>
internal static class SuiteRunner
{
    private const string Usage = """
        usage: <suite> [--quick] [suite options]
          micro         BenchmarkDotNet: frame decode, RetryWithBackoff, Frames fan-out, JSON-RPC routing, typed decode (extra options go to BenchmarkDotNet, e.g. --filter *FanOut*)
          e2e           loopback blast: bare ClientWebSocket loops, Websocket.Client, WebSocketClient.Frames, the Deribit adapter
                        [--rounds N] [--messages N] (defaults 9 rounds of 1,000,000 messages)
                        [--only NAME[,NAME]] runs just the contenders whose names contain NAME, round by round (for profiling)
          recording     the typed book live, live and recorded, and replayed from the recording, side by side; codecs
                        [--rounds N] [--messages N] (defaults 5 rounds of 300,000 messages)
                        [--only NAME[|NAME]] runs just the rows named NAME, or whose names contain it (for profiling one path)
                        [--codecs FILE] only the codec table, over a recording of your own (bytes per message and time)
          recovery      the adapter against the simulator: kill the connection 50 times with 1, 10, 100 channels,
                        then 10 times with every default option (each connection up 31 s first)
          soak-memory   10,000 connect/drop cycles through WebSocketClient; memory of 1,000 idle connections
          gateway       one NATS gateway process to 1, 4, 16 consumer processes beside a direct adapter: added latency
                        at 1,000 msg/s, then a blast (needs nats-server on PATH)
                        [--consumers 1,4,16] [--paced N] [--blast N] (messages per paced run and per blast)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        // The gateway suite starts this program again in these roles; they print lines the suite reads, not reports.
        switch (args[0])
        {
            case GatewayHostRole.Name:
                return await GatewayHostRole.RunAsync(args[1..], output).ConfigureAwait(false);
            case ConsumerRole.Name:
                return await ConsumerRole.RunAsync(args[1..], output).ConfigureAwait(false);
        }

        var quick = args.Contains("--quick");
        var rest = args.Skip(1).Where(arg => arg != "--quick").ToArray();
        await output.WriteLineAsync($"# {args[0]}{(quick ? " (quick)" : "")}: {Machine.Describe()}").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        switch (args[0])
        {
            case "micro" when quick:
                await output.WriteLineAsync(MicroSuite.ToMarkdown(await MicroSuite.RunQuickAsync().ConfigureAwait(false))).ConfigureAwait(false);
                return 0;
            case "micro":
                return MicroSuite.RunBenchmarkDotNet(rest);
            case "e2e":
                var settings = quick ? E2eSettings.Quick : E2eSettings.Full;
                settings = settings with
                {
                    Rounds = IntOption(rest, "--rounds") ?? settings.Rounds,
                    Messages = IntOption(rest, "--messages") ?? settings.Messages,
                };
                if (Array.IndexOf(rest, "--only") is var only and >= 0 && only + 1 < rest.Length)
                {
                    await E2eSuite.RunOnlyAsync(settings, rest[only + 1].Split(','), output, CancellationToken.None).ConfigureAwait(false);
                    return 0;
                }

                var e2e = await E2eSuite.RunAsync(settings, output, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync(e2e.ToMarkdown()).ConfigureAwait(false);
                return 0;
            case "recording" when StringOption(rest, "--codecs") is { } recordingFile:
                await output.WriteLineAsync(CodecComparison.Table(CodecComparison.Run(SessionRecording.Load(recordingFile)))).ConfigureAwait(false);
                return 0;
            case "recording":
                var recordingSettings = (quick ? E2eSettings.Quick : E2eSettings.Full with { Messages = 300_000, Rounds = 5, WarmupRounds = 1 }) with
                {
                    Rounds = IntOption(rest, "--rounds") ?? (quick ? E2eSettings.Quick.Rounds : 5),
                    Messages = IntOption(rest, "--messages") ?? (quick ? E2eSettings.Quick.Messages : 300_000),
                };
                var rows = Array.IndexOf(rest, "--only") is var onlyAt and >= 0 && onlyAt + 1 < rest.Length ? rest[onlyAt + 1].Split('|') : null;
                await output.WriteLineAsync(await RecordingSuite.RunAsync(recordingSettings, rows, output, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
                return 0;
            case "recovery":
                var recovery = await RecoverySuite.RunAsync(quick ? RecoverySettings.Quick : RecoverySettings.Full, output, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync(recovery.ToMarkdown()).ConfigureAwait(false);
                return 0;
            case "soak-memory":
                var soak = await SoakMemorySuite.RunAsync(quick ? SoakSettings.Quick : SoakSettings.Full, output, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync(soak.ToMarkdown()).ConfigureAwait(false);
                return 0;
            case "gateway":
                var gatewaySettings = quick ? GatewaySettings.Quick : GatewaySettings.Full;
                gatewaySettings = gatewaySettings with
                {
                    BlastMessages = IntOption(rest, "--blast") ?? gatewaySettings.BlastMessages,
                    PacedMessages = IntOption(rest, "--paced") ?? gatewaySettings.PacedMessages,
                    ConsumerCounts = Array.IndexOf(rest, "--consumers") is var at and >= 0 && at + 1 < rest.Length
                        ? [.. rest[at + 1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))]
                        : gatewaySettings.ConsumerCounts,
                };
                var gateway = await GatewaySuite.RunAsync(gatewaySettings, output, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync(gateway.ToMarkdown()).ConfigureAwait(false);
                return 0;
            default:
                await output.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
        }
    }

    private static string? StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int? IntOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 1
            ? value
            : null;
    }
}
