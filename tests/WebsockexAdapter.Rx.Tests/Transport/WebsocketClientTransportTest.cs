using WebsockexAdapter.Rx.WebsocketClient;

namespace WebsockexAdapter.Rx.Tests.Transport;

/// <summary>The loopback contract for the transport over Websocket.Client, whose own reconnection is off.</summary>
public sealed class WebsocketClientTransportTest : TransportLoopbackTest
{
    protected override IWebSocketTransportFactory Transport => WebsocketClientTransportFactory.Instance;
}
