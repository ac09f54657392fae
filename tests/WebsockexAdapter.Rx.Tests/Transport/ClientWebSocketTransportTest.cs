namespace WebsockexAdapter.Rx.Tests.Transport;

/// <summary>The loopback contract for the default transport, over <see cref="System.Net.WebSockets.ClientWebSocket"/>.</summary>
public sealed class ClientWebSocketTransportTest : TransportLoopbackTest
{
    protected override IWebSocketTransportFactory Transport => ClientWebSocketTransportFactory.Instance;
}
