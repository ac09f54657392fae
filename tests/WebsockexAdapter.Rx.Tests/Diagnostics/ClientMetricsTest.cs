using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WebsockexAdapter.Rx.Tests.Diagnostics;

/// <summary>The counters reach a <see cref="MeterListener"/> (as OpenTelemetry would use). Serial: the meter is process-wide.</summary>
[Collection(nameof(Serial))]
public sealed class ClientMetricsTest : IDisposable
{
    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public ClientMetricsTest()
    {
        _server = new ScriptedTransport(_scheduler);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ClientMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    [Fact]
    public void Counters_CountAttemptsConnectionsReconnectsFramesAndBytes()
    {
        _server.OnConnect = socket =>
        {
            if (socket.Index == 0)
            {
                socket.Refuse();
            }
            else
            {
                socket.Accept();
            }
        };
        using var client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = _scheduler,
            TransportFactory = _server,
            KeepAlive = KeepAliveOptions.Disabled,
            Backoff = new BackoffOptions { UseJitter = false, CircuitBreaker = null },
        });
        using var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        _server.Last.SendText("hello");
        _server.Last.Send(Frame.FromBinary(new byte[] { 1, 2, 3 }));
        var send = client.SendTextAsync("ping").AsTask();
        _scheduler.AdvanceBy(10);
        _listener.Dispose();

        Assert.True(send.IsCompletedSuccessfully);
        Assert.Equal(2, Total("websocket.client.connection_attempts"));
        Assert.Equal(1, Total("websocket.client.connections"));
        Assert.Equal(1, Total("websocket.client.reconnects"));
        Assert.Equal(2, Total("websocket.client.frames_received"));
        Assert.Equal(8, Total("websocket.client.bytes_received"));
        Assert.Equal(1, Total("websocket.client.frames_sent"));
        Assert.Equal(4, Total("websocket.client.bytes_sent"));
    }

    public void Dispose() => _listener.Dispose();

    private long Total(string instrument) => _totals.GetValueOrDefault(instrument);
}
