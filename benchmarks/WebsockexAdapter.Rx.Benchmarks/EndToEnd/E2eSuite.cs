using WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>
/// Every contender receives the same blast from the same loopback server, in one process, round after round in a
/// rotated order, so that whatever else the machine is doing falls on all of them alike. The ratios are the figures
/// that hold; the absolute rates are context.
/// </summary>
internal static class E2eSuite
{
    private static readonly Contender BareBytes = new BareBytesLoop();
    private static readonly Contender BareString = new BareStringLoop();
    private static readonly Contender WebsocketClient = new WebsocketClientMessages();
    private static readonly Contender FramesText = ClientWebSocketFrames(decodeText: true, keepAlive: true);
    private static readonly Contender FramesTextNoKeepAlive = ClientWebSocketFrames(decodeText: true, keepAlive: false);
    private static readonly Contender FramesPayload = ClientWebSocketFrames(decodeText: false, keepAlive: true);
    private static readonly Contender FramesPayloadNoKeepAlive = ClientWebSocketFrames(decodeText: false, keepAlive: false);
    private static readonly Contender Rfc6455Text = Rfc6455Frames(decodeText: true);
    private static readonly Contender Rfc6455Payload = Rfc6455Frames(decodeText: false);
    private static readonly Contender Rfc6455Views = new ConnectionViews();
    private static readonly Contender Rfc6455ViewsDocument = new ConnectionViewsDocument();
    private static readonly Contender AdapterJson = new DeribitChannelStream();
    private static readonly Contender AdapterBook = new DeribitTypedBook();
    private static readonly Contender AdapterTopOfBook = new DeribitSharedTopOfBook();
    private static readonly Contender BareStringTicker = new BareStringLoop(Feed.Ticker);
    private static readonly Contender AdapterTicker = new DeribitTypedTicker();
    private static readonly Contender BareStringTrades = new BareStringLoop(Feed.Trades);
    private static readonly Contender AdapterTrades = new DeribitTypedTrades();

    /// <summary>The contenders, in the order of the table. Add the adapter's here.</summary>
    public static IReadOnlyList<Contender> Contenders { get; } =
        [BareBytes, BareString, WebsocketClient, FramesText, FramesTextNoKeepAlive, FramesPayload, FramesPayloadNoKeepAlive, Rfc6455Text, Rfc6455Payload, Rfc6455Views, Rfc6455ViewsDocument, AdapterJson, AdapterBook, AdapterTopOfBook, BareStringTicker, AdapterTicker, BareStringTrades, AdapterTrades];

    /// <summary>
    /// Runs only the contenders whose name contains one of <paramref name="names"/> (case-insensitive) and prints each
    /// round's figures: for profiling one path (attach <c>dotnet-trace</c> to this process), not for the table, which
    /// needs every contender in the same rounds.
    /// </summary>
    public static async Task RunOnlyAsync(E2eSettings settings, IReadOnlyList<string> names, TextWriter progress, CancellationToken cancellationToken)
    {
        var chosen = Contenders.Where(c => names.Any(n => c.Name.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 0)
        {
            throw new ArgumentException($"No contender's name contains any of: {string.Join(", ", names)}.", nameof(names));
        }

        await using var server = LoopbackServer.Start();
        for (var round = -settings.WarmupRounds; round < settings.Rounds; round++)
        {
            foreach (var contender in chosen)
            {
                var clock = await RunRoundAsync(server, contender, settings, cancellationToken).ConfigureAwait(false);
                var per = settings.Messages - 1;
                progress.WriteLine(FormattableString.Invariant(
                    $"{(round < 0 ? "warm-up" : $"round {round + 1}")}  {contender.Name}: {per / clock.Elapsed.TotalSeconds:N0} msg/s, {clock.Cpu.TotalNanoseconds / per:0} CPU ns/msg, {(double)clock.Allocated / per:0} B/msg, {(double)clock.WorkItems / per:0.000} pool work items/msg, {clock.PoolThreads} pool threads"));
            }
        }
    }

    public static async Task<E2eReport> RunAsync(E2eSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var server = LoopbackServer.Start();
        var payloadBytes = server.Blast.PayloadBytes(settings.Messages);
        var rates = Contenders.ToDictionary(c => c, _ => new List<double>());
        var allocations = Contenders.ToDictionary(c => c, _ => new List<double>());
        var cpu = Contenders.ToDictionary(c => c, _ => new List<double>());
        var loadBefore = Reporting.Machine.LoadAverage();

        for (var round = -settings.WarmupRounds; round < settings.Rounds; round++)
        {
            var offset = (round + settings.WarmupRounds) % Contenders.Count;
            foreach (var contender in Contenders.Skip(offset).Concat(Contenders.Take(offset)))
            {
                var clock = await RunRoundAsync(server, contender, settings, cancellationToken).ConfigureAwait(false);
                if (round >= 0)
                {
                    rates[contender].Add((settings.Messages - 1) / clock.Elapsed.TotalSeconds);
                    allocations[contender].Add((double)clock.Allocated / (settings.Messages - 1));
                    cpu[contender].Add(clock.Cpu.TotalNanoseconds / (settings.Messages - 1));
                }
            }

            progress.WriteLine(round < 0 ? $"warm-up round {round + settings.WarmupRounds + 1} done" : $"round {round + 1}/{settings.Rounds} done");
        }

        if (server.Failures > 0)
        {
            throw new InvalidOperationException($"The loopback server failed on {server.Failures} connection(s); the figures are not trustworthy.");
        }

        var results = Contenders.ToDictionary(c => c, c => new ContenderResult(c.Name, c.Touches, rates[c], allocations[c], cpu[c]));
        var payload = (double)payloadBytes / settings.Messages;
        return new E2eReport(
            settings,
            payload,
            loadBefore,
            Reporting.Machine.LoadAverage(),
            Contenders.Select(c => results[c]).ToList(),
            results[BareBytes],
            results[WebsocketClient],
            [
                .. Floors("ClientWebSocket, defaults", results[FramesText], results[FramesPayload]),
                .. Floors("ClientWebSocket, keep-alive off", results[FramesTextNoKeepAlive], results[FramesPayloadNoKeepAlive]),
                .. Floors("RFC 6455, defaults", results[Rfc6455Text], results[Rfc6455Payload]),
                new Floor("Frames+Text: RFC 6455 / ClientWebSocket transport, msg/s (defaults)", results[Rfc6455Text].RatioTo(results[FramesText]), 1.0, AtLeast: true),
                new Floor("Adapter channel stream (JsonElement) / string loop, msg/s", results[AdapterJson].RatioTo(results[BareString]), 0.7, AtLeast: true),
                new Floor("Typed book stream / string loop, msg/s", results[AdapterBook].RatioTo(results[BareString]), 0.6, AtLeast: true),
                new Floor("Typed book stream: allocated B/msg", results[AdapterBook].MedianBytesPerMessage, 400, AtLeast: false),
                new Floor("Shared order book, top of book / string loop, msg/s", results[AdapterTopOfBook].RatioTo(results[BareString]), 0.5, AtLeast: true),
                new Floor("Typed ticker stream / string loop over the ticker feed, msg/s", results[AdapterTicker].RatioTo(results[BareStringTicker]), 0.6, AtLeast: true),
                new Floor("Typed trades stream / string loop over the trades feed, msg/s", results[AdapterTrades].RatioTo(results[BareStringTrades]), 0.6, AtLeast: true),
            ]);

        IEnumerable<Floor> Floors(string options, ContenderResult text, ContenderResult bytes) =>
        [
            new Floor($"Frames+Text / string loop, msg/s ({options})", text.RatioTo(results[BareString]), 0.85, AtLeast: true),
            new Floor($"Frames+Text / Websocket.Client, msg/s ({options})", text.RatioTo(results[WebsocketClient]), 1.2, AtLeast: true),
            new Floor($"Frames, payload: allocated B/msg ({options})", bytes.MedianBytesPerMessage, payload + 96, AtLeast: false),
        ];
    }

    private static WebSocketClientFrames ClientWebSocketFrames(bool decodeText, bool keepAlive) =>
        new(decodeText, keepAlive, ClientWebSocketTransportFactory.Instance, "ClientWebSocket");

    private static WebSocketClientFrames Rfc6455Frames(bool decodeText) =>
        new(decodeText, keepAlive: true, Rfc6455TransportFactory.Instance, "RFC 6455");

    internal static async Task<RoundClock> RunRoundAsync(LoopbackServer server, Contender contender, E2eSettings settings, CancellationToken cancellationToken)
    {
        var expected = contender.ExpectedChecksum(server, settings.Messages);
        // The previous round's garbage must not be collected on this round's time.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var clock = new RoundClock();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RoundTimeout);
        string? hold = null;
        var release = static () => { };
        if (contender.HoldsBlast)
        {
            hold = server.HoldBlast(out release);
            contender.ReleaseBlast = release;
        }

        long checksum;
        try
        {
            checksum = await contender
                .ReceiveAsync(server.BlastUri(settings.Messages, contender.SubscribesFirst, contender.Feed, hold), settings.Messages, clock, timeout.Token)
                .WaitAsync(settings.RoundTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            // A contender that failed before releasing must not leave the server's end waiting.
            release();
        }

        if (!clock.Stopped || checksum != expected)
        {
            throw new InvalidOperationException($"{contender.Name} returned checksum {checksum}, not {expected} (clock stopped: {clock.Stopped}).");
        }

        // The server's end of this connection must be gone before the next contender is timed.
        await server.WhenIdleAsync().WaitAsync(settings.RoundTimeout, cancellationToken).ConfigureAwait(false);
        return clock;
    }
}
