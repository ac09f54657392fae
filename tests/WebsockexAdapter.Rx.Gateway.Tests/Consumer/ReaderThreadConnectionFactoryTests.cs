namespace WebsockexAdapter.Rx.Gateway.Tests.Consumer;

public sealed class ReaderThreadConnectionFactoryTests
{
    [Theory]
    [InlineData("nats://127.0.0.1:4222")]
    [InlineData("NATS://a:4222, nats://b:4222")]
    [InlineData("127.0.0.1:4222")]
    public void PlainTcpServers_GetTheReaderThreadSocket(string url) => Assert.NotNull(ReaderThreadConnectionFactory.For(url));

    [Theory]
    [InlineData("tls://127.0.0.1:4222")]
    [InlineData("ws://127.0.0.1:8080")]
    [InlineData("wss://127.0.0.1:443")]
    [InlineData("nats://a:4222,tls://b:4222")]
    public void TlsOrWebSocketServers_KeepNatsNetsOwnSocket(string url) => Assert.Null(ReaderThreadConnectionFactory.For(url));
}
