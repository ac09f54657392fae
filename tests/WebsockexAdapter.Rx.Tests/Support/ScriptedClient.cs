namespace WebsockexAdapter.Rx.Tests.Support;

/// <summary>
/// A client of a scripted server on virtual time, keep-alive and reconnection off: the one connection a test drives
/// frame by frame.
/// </summary>
internal static class ScriptedClient
{
    public static WebSocketClient Create(TestScheduler scheduler, ScriptedTransport server) =>
        new(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = scheduler,
            TransportFactory = server,
            KeepAlive = KeepAliveOptions.Disabled,
            ReconnectOnError = false,
        });
}
