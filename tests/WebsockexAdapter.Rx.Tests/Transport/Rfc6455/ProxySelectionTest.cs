using System.Net;
using System.Text;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// Which proxy an address goes through, and the CONNECT request sent to it: the proxy is asked about the http(s)
/// form of the address, a proxy that answers with the address itself (or bypasses it) means no proxy, only http://
/// proxies are spoken to, and the request names the host and port (IPv6 in brackets).
/// </summary>
public sealed class ProxySelectionTest
{
    [Theory]
    [InlineData("ws://exchange.test/ws", "http://exchange.test/ws")]
    [InlineData("wss://exchange.test/ws?x=1", "https://exchange.test/ws?x=1")]
    [InlineData("wss://exchange.test:9443/ws", "https://exchange.test:9443/ws")]
    public void TheProxyIsAskedAboutTheHttpFormOfTheAddress(string address, string asked)
    {
        var proxy = new RecordingProxy(new Uri("http://proxy.test:3128"));

        var chosen = ProxySelection.For(new Uri(address), proxy);

        Assert.Equal(new Uri("http://proxy.test:3128"), chosen);
        Assert.Equal([new Uri(asked), new Uri(asked)], proxy.Asked);
    }

    [Fact]
    public void AProxyThatAnswersWithTheAddressItself_MeansNone()
    {
        Assert.Null(ProxySelection.For(new Uri("wss://exchange.test/ws"), new RecordingProxy(new Uri("https://exchange.test/ws"))));
        Assert.Null(ProxySelection.For(new Uri("wss://exchange.test/ws"), new RecordingProxy(null)));
    }

    [Theory]
    [InlineData("https://proxy.test:3128")]
    [InlineData("socks5://proxy.test:1080")]
    public void AProxyThatIsNotHttp_IsNotSupported(string address)
    {
        var error = Assert.Throws<NotSupportedException>(() => ProxySelection.For(new Uri("wss://exchange.test/ws"), new RecordingProxy(new Uri(address))));

        Assert.False(TransientErrors.IsTransient(error));
    }

    [Theory]
    [InlineData("wss://exchange.test/ws", "exchange.test:443")]
    [InlineData("ws://127.0.0.1:8080/ws", "127.0.0.1:8080")]
    [InlineData("wss://[::1]:9443/ws", "[::1]:9443")]
    public void TheConnectRequest_NamesTheHostAndPort(string address, string authority)
    {
        var request = Encoding.ASCII.GetString(ProxyTunnel.Request(new Uri(address), null));

        Assert.Equal($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n", request);
    }

    [Fact]
    public void ACredentialWithADomain_IsSentAsDomainBackslashUser()
    {
        var request = Encoding.ASCII.GetString(ProxyTunnel.Request(new Uri("wss://exchange.test/ws"), new NetworkCredential("trader", "s3cret", "CORP")));

        Assert.Contains("Proxy-Authorization: Basic " + Convert.ToBase64String(@"CORP\trader:s3cret"u8.ToArray()) + "\r\n", request, StringComparison.Ordinal);
    }

    /// <summary>A proxy that sends every address to one place (or nowhere), and records what it was asked.</summary>
    private sealed class RecordingProxy(Uri? address) : IWebProxy
    {
        public List<Uri> Asked { get; } = [];

        public ICredentials? Credentials { get; set; }

        public Uri? GetProxy(Uri destination)
        {
            Asked.Add(destination);
            return address;
        }

        public bool IsBypassed(Uri host)
        {
            Asked.Add(host);
            return false;
        }
    }
}
