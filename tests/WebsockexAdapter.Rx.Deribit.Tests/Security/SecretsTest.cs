using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Security;

public sealed class SecretsTest : AdapterTest
{
    [Fact]
    public void NoSecretTokenOrSignature_EverAppearsInALogLineOrError()
    {
        using var logs = new CapturingLoggerFactory();
        Exchange.TokenLifetimeSeconds = 100;
        var answered = 0;
        Exchange.Handlers["private/get_open_orders_by_instrument"] = _ => answered++ == 0 ? Answer.Error(13009, "unauthorized") : Answer.Result("[]");
        var adapter = Adapter(o =>
        {
            o.LoggerFactory = logs;
            o.Credentials!.Method = AuthMethod.ClientSignature;
        });
        var errors = new List<Exception>();
        Keep(adapter.States.Subscribe(s =>
        {
            if (s.Error is not null)
            {
                errors.Add(s.Error);
            }
        }));
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);
        Now(() => adapter.GetOpenOrdersAsync("BTC-PERPETUAL"));
        Advance(90 * Second);
        Now(() => Exchange.Socket(0).Drop());
        Exchange.Handlers["public/auth"] = _ => Answer.Error(13004, "invalid_credentials");
        Advance(2 * Second);

        var secrets = new List<string> { "s3cret-value" };
        secrets.AddRange(Exchange.CallsOf("public/auth").Select(c => c.Text("signature")).OfType<string>());
        secrets.AddRange(Enumerable.Range(1, 5).SelectMany(n => new[] { $"access-{n}", $"refresh-{n}" }));
        var everything = logs.Lines.Concat(errors.Select(e => e.ToString())).Append(adapter.Options.ToString()!).Append(adapter.Options.Credentials!.ToString()).ToList();

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(errors, e => e is DeribitAuthenticationException);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(everything, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
