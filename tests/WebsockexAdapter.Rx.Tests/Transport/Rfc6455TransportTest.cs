namespace WebsockexAdapter.Rx.Tests.Transport;

/// <summary>The loopback contract for the library's own RFC 6455 transport.</summary>
public sealed class Rfc6455TransportTest : TransportLoopbackTest
{
    protected override IWebSocketTransportFactory Transport => Rfc6455TransportFactory.Instance;

    protected override bool RefusesOversizedMessagesAtTheirHeader => true;
}
