using System.Net.Security;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Security.Authentication;
using WebsockexAdapter.Rx.Tests.Loopback;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// wss:// through the transport's own TLS against Kestrel HTTPS on loopback with a certificate made for the test:
/// the system's validation refuses it, a callback the user gives decides instead, the host name travels as SNI and is
/// checked against the certificate, and messages of every size cross the TLS stream.
/// </summary>
public sealed class Rfc6455TlsTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ByDefault_ASelfSignedServerIsRefused_AndNotRetried()
    {
        await using var server = await TlsEchoServer.StartAsync(["localhost"]);
        using var client = Client(server.UriFor("127.0.0.1"));

        var faulted = await client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask().WaitAsync(Patience);

        var refused = Assert.IsType<ConnectFailedException>(faulted.Error);
        Assert.False(refused.IsTransient);
        Assert.Contains(Chain(refused), e => e is AuthenticationException);
        Assert.Equal(0, server.Accepted);
    }

    [Fact]
    public async Task ACallbackThatTrustsTheCertificate_Connects_AndMessagesOfEverySizeRoundTrip()
    {
        await using var server = await TlsEchoServer.StartAsync(["localhost"]);
        var thumbprint = server.Certificate.GetCertHashString();
        using var client = Client(server.UriFor("127.0.0.1"), (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint);
        var frames = client.Frames.Replay();
        using var recording = frames.Connect();
        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);
        var large = new byte[300_000];
        new Random(3).NextBytes(large);

        await client.SendTextAsync("hello over tls");
        await client.SendAsync(Frame.FromBinary(large));
        var echoed = await frames.Take(2).ToList().ToTask().WaitAsync(Patience);

        Assert.Equal("hello over tls", echoed[0].Text);
        Assert.Equal(large, echoed[1].Payload.ToArray());
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task TheHostName_TravelsAsSni_AndMatchesTheCertificate()
    {
        await using var server = await TlsEchoServer.StartAsync(["localhost"]);
        var seen = SslPolicyErrors.None;
        using var client = Client(server.UriFor("localhost"), (_, _, _, errors) =>
        {
            seen = errors;
            return errors == SslPolicyErrors.RemoteCertificateChainErrors;
        });

        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

        // Only the chain is untrusted (self-signed): the name matched.
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, seen);
        Assert.Contains("localhost", server.ServerNames);
    }

    [Fact]
    public async Task ANameTheCertificateDoesNotCarry_IsAMismatch()
    {
        await using var server = await TlsEchoServer.StartAsync(["other.test"], withLoopbackAddress: false);
        var seen = SslPolicyErrors.None;
        using var client = Client(server.UriFor("127.0.0.1"), (_, _, _, errors) =>
        {
            seen = errors;
            return false;
        });

        var faulted = await client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask().WaitAsync(Patience);

        Assert.True(seen.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch), $"errors seen: {seen}");
        Assert.Contains(Chain(faulted.Error!), e => e is AuthenticationException);
        Assert.Equal(0, server.Accepted);
    }

    private static WebSocketClient Client(Uri uri, RemoteCertificateValidationCallback? validate = null) => new(uri, new ClientOptions
    {
        TransportFactory = Rfc6455TransportFactory.Instance,
        RemoteCertificateValidation = validate,
        KeepAlive = KeepAliveOptions.Disabled,
        Backoff = TestStreams.Immediately,
    });

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
