using System.Reactive.Linq;
using System.Security.Cryptography;
using System.Text;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Auth;

public sealed class AuthTest : AdapterTest
{
    private const string Granted = """{"access_token":"a","expires_in":900,"refresh_token":"r","scope":"connection"}""";

    [Fact]
    public void ClientCredentials_SendsTheIdAndSecret()
    {
        var adapter = Adapter();
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        var auth = Exchange.CallsOf("public/auth").Single();
        Assert.Equal("client_credentials", auth.Text("grant_type"));
        Assert.Equal("test-client", auth.Text("client_id"));
        Assert.Equal("s3cret-value", auth.Text("client_secret"));
    }

    [Fact]
    public void ClientSignature_SignsTimestampAndNonce_AndNeverSendsTheSecret()
    {
        var adapter = Adapter(o => o.Credentials!.Method = AuthMethod.ClientSignature);
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        var auth = Exchange.CallsOf("public/auth").Single();
        Assert.Equal("client_signature", auth.Text("grant_type"));
        Assert.Null(auth.Text("client_secret"));
        var message = $"{auth.Text("timestamp")}\n{auth.Text("nonce")}\n{auth.Text("data")}";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret-value"), Encoding.UTF8.GetBytes(message)));
        Assert.Equal(expected, auth.Text("signature"));
        Assert.DoesNotContain(Exchange.Socket(0).SentTexts, t => t.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void ClientSignature_ARefusedSignature_StopsLikeInvalidCredentials()
    {
        var adapter = Adapter(o => o.Credentials!.Method = AuthMethod.ClientSignature);
        Exchange.Handlers["public/auth"] = _ => Answer.Error(13009, "invalid signature");
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);
        Advance(30 * Second);

        Assert.Single(Exchange.Transport.Sockets);
        Assert.IsType<DeribitAuthenticationException>(adapter.CurrentState.Error);
    }

    [Fact]
    public void Token_IsRefreshedWithTheRefreshTokenBeforeItExpires()
    {
        Exchange.TokenLifetimeSeconds = 100;
        var adapter = Adapter();
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Advance(80 * Second - 100);
        Assert.Single(Exchange.CallsOf("public/auth"));

        Advance(200);
        var refresh = Exchange.CallsOf("public/auth")[1];
        Assert.Equal("refresh_token", refresh.Text("grant_type"));
        Assert.Equal("refresh-1", refresh.Text("refresh_token"));

        Advance(80 * Second);
        Assert.Equal("refresh-2", Exchange.CallsOf("public/auth")[2].Text("refresh_token"));
        Assert.Single(Exchange.Transport.Sockets);
    }

    [Fact]
    public void Token_ARefusedRefresh_FallsBackToTheCredentials()
    {
        Exchange.TokenLifetimeSeconds = 100;
        var adapter = Adapter();
        Exchange.Handlers["public/auth"] = call => call.Text("grant_type") == "refresh_token"
            ? Answer.Error(13009, "invalid_token")
            : Answer.Result("""{"access_token":"a","expires_in":100,"refresh_token":"r","scope":"connection"}""");
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Advance(80 * Second + 10);

        Assert.Equal(["client_credentials", "refresh_token", "client_credentials"], Exchange.CallsOf("public/auth").Select(c => c.Text("grant_type")));
        Assert.Single(Exchange.Transport.Sockets);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Unauthorized_MidSession_AuthenticatesOnceAndRetriesTheCall()
    {
        var adapter = Adapter();
        var answered = 0;
        Exchange.Handlers["private/get_open_orders_by_instrument"] = _ => answered++ == 0
            ? Answer.Error(13009, "unauthorized")
            : Answer.Result("[]");
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Task<IReadOnlyList<Order>>? call = null;
        Now(() => call = adapter.GetOpenOrdersAsync("BTC-PERPETUAL"));
        Advance(10);

        Assert.Empty(Completed(call!));
        Assert.Equal(
            ["private/get_open_orders_by_instrument", "public/auth", "private/get_open_orders_by_instrument"],
            Exchange.Methods(0).SkipWhile(m => m != "private/get_open_orders_by_instrument"));
    }

    [Fact]
    public void Unauthorized_Twice_SurfacesTheError()
    {
        var adapter = Adapter();
        Exchange.Handlers["private/get_open_orders_by_instrument"] = _ => Answer.Error(13009, "unauthorized");
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Task<IReadOnlyList<Order>>? call = null;
        Now(() => call = adapter.GetOpenOrdersAsync("BTC-PERPETUAL"));
        Advance(10);

        Assert.Equal(13009, Failed<JsonRpc.JsonRpcException>(call!).Code);
        Assert.Equal(2, Exchange.CallsOf("public/auth").Count);
    }

    [Fact]
    public void InvalidCredentials_StopTheAdapterWithATypedErrorNamingTheClientAndTheConnection()
    {
        var adapter = Adapter();
        Exchange.Handlers["public/auth"] = _ => Answer.Error(13004, "invalid_credentials");
        var restoring = new List<string?>();
        Keep(adapter.States.Where(s => s.Status == AdapterStatus.Restoring).Subscribe(s => restoring.Add(s.ConnectionId)));
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);
        Advance(30 * Second);

        Assert.Single(Exchange.Transport.Sockets);
        Assert.Equal(AdapterStatus.Faulted, adapter.CurrentState.Status);
        var error = Assert.IsType<DeribitAuthenticationException>(adapter.CurrentState.Error);
        Assert.Equal(("test-client", 13004), (error.ClientId, error.Code));
        Assert.Equal(Assert.Single(restoring), error.ConnectionId);
    }

    [Fact]
    public void ClientSignature_ARefusalThatIsNotAboutTheCredentials_IsRetriedOnANewConnection()
    {
        var adapter = Adapter(o => o.Credentials!.Method = AuthMethod.ClientSignature);
        AuthRefusedOnTheFirstSocket(Answer.Error(11094, "internal_server_error"));
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);
        Advance(Second + 10);

        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void ClientCredentials_AnUnauthorizedAuth_IsRetriedOnANewConnection()
    {
        var adapter = Adapter();
        AuthRefusedOnTheFirstSocket(Answer.Error(13009, "unauthorized"));
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);
        Advance(Second + 10);

        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void AnAuthAnsweredWithoutAResult_FailsTheRestoreWithAnErrorThatSaysSo()
    {
        var logs = new CapturingLoggerFactory();
        var adapter = Adapter(o => o.LoggerFactory = logs);
        AuthRefusedOnTheFirstSocket(Answer.Result("null"));
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);

        Assert.Contains(logs.Lines, l => l.Contains("public/auth answered without a result.", StringComparison.Ordinal));
        Advance(Second + 10);
        Assert.Equal(2, Exchange.Transport.Sockets.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Unauthorized_TwoCallsAtOnce_ShareOneReauthentication()
    {
        var adapter = Adapter();
        Exchange.Handlers["private/get_open_orders_by_instrument"] = _ => Answer.Error(13009, "unauthorized");
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        // The re-authentication stays unanswered, so both calls are still waiting for it when the test looks. (Once it
        // completes, .NET resumes only the first of two awaiters inline; the second hops to the thread pool, which
        // virtual time cannot follow.)
        Exchange.Handlers["public/auth"] = _ => Answer.None;
        Task<IReadOnlyList<Order>>? first = null;
        Task<IReadOnlyList<Order>>? second = null;
        Now(() =>
        {
            first = adapter.GetOpenOrdersAsync("BTC-PERPETUAL");
            second = adapter.GetOpenOrdersAsync("ETH-PERPETUAL");
        });
        Advance(Second);

        Assert.Equal(2, Exchange.CallsOf("public/auth").Count);
        Assert.False(first!.IsCompleted || second!.IsCompleted);
    }

    [Fact]
    public void Token_WithoutAnExpiry_IsNeverRefreshed()
    {
        Exchange.TokenLifetimeSeconds = 0;
        var adapter = Adapter();
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Advance(3600 * Second);

        Assert.Single(Exchange.CallsOf("public/auth"));
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Token_ARefreshIsLogged_AndARefusedOneSaysWhy()
    {
        Exchange.TokenLifetimeSeconds = 100;
        var logs = new CapturingLoggerFactory();
        var adapter = Adapter(o => o.LoggerFactory = logs);
        var refreshes = 0;
        Exchange.Handlers["public/auth"] = call => call.Text("grant_type") == "refresh_token" && ++refreshes == 2
            ? Answer.Error(13009, "invalid_token")
            : Answer.Result("""{"access_token":"a","expires_in":100,"refresh_token":"r","scope":"connection"}""");
        var sessions = new List<DeribitSession>();
        Keep(adapter.Connections.Subscribe(sessions.Add));
        Advance(10);

        Advance(80 * Second);
        var id = Assert.Single(sessions).ConnectionId;
        Assert.Contains(logs.Lines, l => l.Contains($"[{id}] Access token refreshed; it expires in 100 s", StringComparison.Ordinal));

        Advance(80 * Second);
        Assert.Contains(logs.Lines, l => l.Contains($"[{id}] Token refresh failed (public/auth failed: 13009 invalid_token); authenticating again", StringComparison.Ordinal));
        Assert.Equal(["client_credentials", "refresh_token", "refresh_token", "client_credentials"], Exchange.CallsOf("public/auth").Select(c => c.Text("grant_type")));
    }

    [Fact]
    public void Token_RefreshAndReauthenticationBothRefused_EndTheConnection_AndTheNextOneAuthenticates()
    {
        Exchange.TokenLifetimeSeconds = 100;
        var adapter = Adapter();
        Exchange.Handlers["public/auth"] = call => call.Socket == 0 && Exchange.CallsOf("public/auth", 0).Count > 1
            ? Answer.Error(11094, "internal_server_error")
            : Answer.Result("""{"access_token":"a","expires_in":100,"refresh_token":"r","scope":"connection"}""");
        var sessions = new List<DeribitSession>();
        var errors = new List<Exception>();
        Keep(adapter.States.Where(s => s.Status == AdapterStatus.Reconnecting).Subscribe(s => errors.Add(s.Error!)));
        Keep(adapter.Connections.Subscribe(sessions.Add));
        Advance(10);

        Advance(80 * Second + 10);
        Advance(Second + 10);

        var error = Assert.IsType<ConnectionLostException>(Assert.Single(errors));
        Assert.Equal("Could not authenticate again after the token refresh failed: public/auth failed: 11094 internal_server_error", error.Message);
        Assert.Equal(sessions[0].ConnectionId, error.ConnectionId);
        Assert.Equal(["client_credentials", "refresh_token", "client_credentials"], Exchange.CallsOf("public/auth", 0).Select(c => c.Text("grant_type")));
        Assert.Equal(2, sessions.Count);
        Assert.Equal(AdapterStatus.Live, adapter.CurrentState.Status);
    }

    [Fact]
    public void Token_CredentialsRevokedDuringTheSession_StopTheAdapterAtTheRefresh()
    {
        Exchange.TokenLifetimeSeconds = 100;
        var adapter = Adapter();
        Exchange.Handlers["public/auth"] = call => Exchange.CallsOf("public/auth").Count > 1
            ? Answer.Error(13004, "invalid_credentials")
            : Answer.Result("""{"access_token":"a","expires_in":100,"refresh_token":"r","scope":"connection"}""");
        Keep(adapter.Connections.Subscribe(_ => { }, _ => { }));
        Advance(10);

        Advance(80 * Second + 10);
        Advance(60 * Second);

        Assert.Single(Exchange.Transport.Sockets);
        Assert.Equal(AdapterStatus.Faulted, adapter.CurrentState.Status);
        Assert.Equal(13004, Assert.IsType<DeribitAuthenticationException>(adapter.CurrentState.Error).Code);
    }

    /// <summary>The exchange answers the first socket's auth with <paramref name="first"/> and grants every later one.</summary>
    private void AuthRefusedOnTheFirstSocket(Answer first) =>
        Exchange.Handlers["public/auth"] = call => call.Socket == 0 ? first : Answer.Result(Granted);
}
