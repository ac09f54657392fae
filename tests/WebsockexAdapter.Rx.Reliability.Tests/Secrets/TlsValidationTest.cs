using System.Security.Authentication;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.Secrets;

/// <summary>
/// TLS certificate validation is on by default: a server with a self-signed certificate is refused (and not retried:
/// no retry makes a certificate trusted) unless the user opts in with <see cref="ClientOptions.RemoteCertificateValidation"/>.
/// </summary>
public sealed class TlsValidationTest : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private TlsWebSocketServer _server = null!;

    public async Task InitializeAsync() => _server = await TlsWebSocketServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ByDefault_ASelfSignedServerIsRefused_AndNotRetried()
    {
        using var client = new RecordingClient(_server.Uri);

        await client.Changes.WaitAsync(() => client.Client.CurrentState.Status == ConnectionStatus.Faulted, Timeout, "the client to refuse the certificate");

        var refused = Assert.IsType<ConnectFailedException>(client.Client.CurrentState.Error);
        Assert.False(refused.IsTransient);
        Assert.Contains(Chain(refused), e => e is AuthenticationException);
        Assert.Empty(client.Errors);
        Assert.Empty(client.Frames);
        Assert.Equal(0, _server.Accepted);
    }

    [Fact]
    public async Task AUserWhoTrustsThisCertificate_Connects()
    {
        var thumbprint = _server.Certificate.GetCertHashString();
        using var client = new RecordingClient(_server.Uri, o => o with
        {
            RemoteCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint,
        });

        await client.WaitForFrameAsync("hello", Timeout);

        Assert.Equal(1, _server.Accepted);
    }

    [Fact]
    public async Task AValidationCallbackThatSaysNo_IsRefused()
    {
        using var client = new RecordingClient(_server.Uri, o => o with { RemoteCertificateValidation = (_, _, _, _) => false });

        await client.Changes.WaitAsync(() => client.Client.CurrentState.Status == ConnectionStatus.Faulted, Timeout, "the refusal");

        Assert.Contains(Chain(client.Client.CurrentState.Error!), e => e is AuthenticationException);
        Assert.Equal(0, _server.Accepted);
    }

    [Fact]
    public async Task TheAdapter_ByDefault_RefusesASelfSignedServerToo()
    {
        using var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = _server.Uri,
            Credentials = new DeribitCredentials { ClientId = "id", ClientSecret = "secret" },
        });
        var ended = new TaskCompletionSource<Exception>();
        using var sessions = adapter.Connections.Subscribe(_ => { }, e => ended.TrySetResult(e));

        var error = await ended.Task.WaitAsync(Timeout);

        Assert.Contains(Chain(error), e => e is AuthenticationException);
        Assert.Equal(AdapterStatus.Faulted, adapter.CurrentState.Status);
        Assert.Equal(0, _server.Accepted);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
