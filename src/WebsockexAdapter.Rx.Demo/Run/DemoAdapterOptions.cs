using WebsockexAdapter.Rx.Demo.Cli;
using WebsockexAdapter.Rx.Deribit;
using SimulatorOptions = WebsockexAdapter.Rx.Simulator.SimulatorOptions;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>The adapter's options for a run: the live demo and its backtest use the same, so a replay asks what the recorded session asked.</summary>
internal static class DemoAdapterOptions
{
    public static DeribitOptions For(DemoSettings settings, Uri url, bool simulator)
    {
        var options = new DeribitOptions
        {
            Url = url,
            Credentials = simulator
                ? new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret }
                : settings.Credentials,
            HeartbeatInterval = settings.Heartbeat,
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        options.CancelOnDisconnect = options.Credentials is null ? CancelOnDisconnectScope.Off : CancelOnDisconnectScope.Connection;
        if (simulator)
        {
            // Quick retries on loopback: a connection up a quarter second is healthy, so each fault starts the delays
            // over; no jitter, which spreads many clients apart and here there is one.
            options.Backoff = new BackoffOptions
            {
                InitialDelay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(2),
                ResetAfter = TimeSpan.FromMilliseconds(250),
                UseJitter = false,
            };
        }

        return options;
    }
}
