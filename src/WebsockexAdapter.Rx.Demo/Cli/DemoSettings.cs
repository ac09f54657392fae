using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Cli;

/// <summary>What one run of the demo does, as parsed from the command line and the environment.</summary>
internal sealed record DemoSettings
{
    /// <summary>How long the demo runs unless stopped: 30 seconds.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long the connection stays up between two faults: 5 seconds.</summary>
    public static readonly TimeSpan DefaultFaultInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The heartbeat interval against the simulator: 1 second, so a stall is noticed in 2 s (twice the interval)
    /// instead of the 20 s the exchange's 10 s minimum would take.
    /// </summary>
    public static readonly TimeSpan DefaultSimulatorHeartbeat = TimeSpan.FromSeconds(1);

    /// <summary>The instrument whose book, ticker, trades and orders are shown.</summary>
    public const string DefaultInstrument = "BTC-PERPETUAL";

    /// <summary>The exchange to connect to; <see langword="null"/> starts the embedded simulator.</summary>
    public Uri? Url { get; init; }

    /// <summary>The API key for <see cref="Url"/>; the simulator's own account is used with the simulator.</summary>
    public DeribitCredentials? Credentials { get; init; }

    public TimeSpan Duration { get; init; } = DefaultDuration;

    /// <summary>Whether faults are injected (only the simulator can inject them).</summary>
    public bool Faults { get; init; } = true;

    public TimeSpan FaultInterval { get; init; } = DefaultFaultInterval;

    /// <summary>The heartbeat interval; the exchange's minimum, 10 s, against a real exchange.</summary>
    public TimeSpan Heartbeat { get; init; } = DefaultSimulatorHeartbeat;

    public string Instrument { get; init; } = DefaultInstrument;

    /// <summary>Where <c>--report</c> writes the run's timeline (.html or .png), or <see langword="null"/> for no report.</summary>
    public string? Report { get; init; }

    /// <summary>Where to record the session (<c>--record FILE</c>); <see langword="null"/> records nothing.</summary>
    public string? RecordTo { get; init; }

    /// <summary>Replay a recording through a strategy instead of showing the live view (<c>--backtest [FILE]</c>).</summary>
    public bool Backtest { get; init; }

    /// <summary>The recording to backtest; <see langword="null"/> records a session with the simulator first.</summary>
    public string? BacktestFile { get; init; }

    /// <summary>Run through a NATS gateway: one session, three strategy hosts (<c>--gateway</c>).</summary>
    public bool Gateway { get; init; }

    /// <summary>Print the usage and stop.</summary>
    public bool ShowHelp { get; init; }

    public bool UsesSimulator => Url is null;

    /// <summary>Whether private channels and the resting order are part of the run.</summary>
    public bool Trades => UsesSimulator || Credentials is not null;

    public bool InjectsFaults => UsesSimulator && Faults;
}
