namespace WebsockexAdapter.Rx.Demo.Cli;

/// <summary>Why the demo could not run; the value is the process exit code (1 is a run that did not prove recovery).</summary>
internal enum DemoError
{
    /// <summary>An unknown argument or a value that does not parse.</summary>
    Usage = 2,

    /// <summary>The URL is not an absolute ws:// or wss:// address, or cannot carry credentials.</summary>
    BadUrl = 3,

    /// <summary>The first connection could not be made.</summary>
    Unreachable = 4,

    /// <summary>The exchange refused the credentials, or only half of them were given.</summary>
    BadCredentials = 5,

    /// <summary>The exchange refused a subscription or the resting order.</summary>
    Refused = 6,

    /// <summary>The file given to --backtest is not a recording, is damaged, or cannot be read.</summary>
    BadRecording = 7,

    /// <summary>--gateway was asked for and no nats-server binary is installed.</summary>
    NoNatsServer = 8,
}
