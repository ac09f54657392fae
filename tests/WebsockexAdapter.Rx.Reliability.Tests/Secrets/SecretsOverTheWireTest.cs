using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Reliability.Tests.Support;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Reliability.Tests.Secrets;

/// <summary>
/// Every secret that crossed the wire in a run with authentication, token refreshes, expiry, re-authentication,
/// reconnects and a refused secret (captured from the frames themselves) is searched for in every log line, every
/// error's ToString and the ToString of the options, credentials, states and sessions: none may appear. The chaos
/// soak does the same over its whole run.
/// </summary>
public sealed class SecretsOverTheWireTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(AuthMethod.ClientCredentials)]
    [InlineData(AuthMethod.ClientSignature)]
    public async Task NoSecretTokenOrSignature_AppearsInAnyLogLineErrorOrDescription(AuthMethod method)
    {
        await using var simulator = await DeribitSimulator.StartAsync(new SimulatorOptions
        {
            MinHeartbeatInterval = TimeSpan.FromMilliseconds(200),
            NotificationInterval = TimeSpan.FromMilliseconds(20),
            TokenLifetime = TimeSpan.FromSeconds(1),
        });
        var logs = new CapturingLoggerFactory();
        var secrets = new WireSecrets(SimulatorOptions.DefaultClientSecret);
        var texts = new ConcurrentQueue<string>();
        var options = new DeribitOptions
        {
            Url = simulator.Uri,
            Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret, Method = method },
            CancelOnDisconnect = Deribit.CancelOnDisconnectScope.Connection,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), UseJitter = false, CircuitBreaker = null },
            Client = new ClientOptions { TransportFactory = new RecordingTransportFactory(secrets) },
            LoggerFactory = logs,
        };
        using (var adapter = new DeribitAdapter(options))
        {
            var sessions = new ReplaySubject<DeribitSession>();
            using var keep = adapter.Connections.Subscribe(sessions);
            using var states = adapter.States.Subscribe(s => texts.Enqueue($"{s} {s.Error}"));
            using var orders = adapter.SubscribeUserOrders("BTC-PERPETUAL").Subscribe(m => texts.Enqueue(m.ToString()));
            texts.Enqueue((await sessions.FirstAsync().ToTask().WaitAsync(Timeout)).ToString());

            await adapter.BuyAsync(new OrderRequest { InstrumentName = "BTC-PERPETUAL", Amount = 10, Price = 1000 }).WaitAsync(Timeout);
            await simulator.WaitForMethodAsync("public/auth", 0, occurrences: 2, timeout: Timeout);
            simulator.ExpireAllTokens();
            await adapter.GetOpenOrdersAsync("BTC-PERPETUAL").WaitAsync(Timeout);
            simulator.DropAllConnections();
            texts.Enqueue((await sessions.FirstAsync(s => s.Epoch == 2).ToTask().WaitAsync(Timeout)).ToString());
            simulator.CloseAllConnections(4000, "maintenance");
            texts.Enqueue((await sessions.FirstAsync(s => s.Epoch == 3).ToTask().WaitAsync(Timeout)).ToString());
            texts.Enqueue(adapter.Health.ToString());
            texts.Enqueue(adapter.Options.ToString()!);
            texts.Enqueue(adapter.Options.Credentials!.ToString());
        }

        options.Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = "wrong-secret-value", Method = method };
        secrets.Add("wrong-secret-value", "configured secret");
        options.Client = new ClientOptions { TransportFactory = new RecordingTransportFactory(secrets) };
        using (var refused = new DeribitAdapter(options))
        {
            var error = await refused.Connections.Materialize().FirstAsync(n => n.Exception is not null).ToTask().WaitAsync(Timeout);
            Assert.IsType<DeribitAuthenticationException>(error.Exception);
            texts.Enqueue(error.Exception!.ToString());
            texts.Enqueue(refused.CurrentState.ToString());
        }

        var everything = logs.Drain().Concat(texts).ToList();
        Assert.True(
            secrets.CountOf("access_token") >= 3 && secrets.CountOf("refresh_token") >= 3,
            $"the run authenticated on three connections ({secrets.CountOf("access_token")} access tokens, {secrets.CountOf("refresh_token")} refresh tokens)");
        // With client_credentials the secret itself travels (it is searched for from the start); with signatures it never does.
        Assert.True(method == AuthMethod.ClientCredentials || secrets.CountOf("signature") >= 3, $"{secrets.CountOf("signature")} signatures seen");
        Assert.All(everything, line => Assert.Null(secrets.FindIn(line)));
    }
}
