using System.Diagnostics.Metrics;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Counters under the meter <c>WebsockexAdapter.Rx</c>, for OpenTelemetry or <c>dotnet-counters</c>. A counter with no
/// listener costs one branch per call, so the receive path can afford them.
/// </summary>
public static class ClientMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "WebsockexAdapter.Rx";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> ConnectionAttempts =
        Meter.CreateCounter<long>("websocket.client.connection_attempts", "{attempt}", "Opening handshakes started.");

    internal static readonly Counter<long> Connections =
        Meter.CreateCounter<long>("websocket.client.connections", "{connection}", "Opening handshakes that succeeded.");

    internal static readonly Counter<long> Reconnects =
        Meter.CreateCounter<long>("websocket.client.reconnects", "{reconnect}", "Retries scheduled after a failure.");

    internal static readonly Counter<long> FramesReceived =
        Meter.CreateCounter<long>("websocket.client.frames_received", "{frame}", "Messages received.");

    internal static readonly Counter<long> BytesReceived =
        Meter.CreateCounter<long>("websocket.client.bytes_received", "By", "Payload bytes received.");

    internal static readonly Counter<long> FramesSent =
        Meter.CreateCounter<long>("websocket.client.frames_sent", "{frame}", "Messages sent.");

    internal static readonly Counter<long> BytesSent =
        Meter.CreateCounter<long>("websocket.client.bytes_sent", "By", "Payload bytes sent.");

    internal static readonly Histogram<double> DeliveryLag =
        Meter.CreateHistogram<double>("websockex.delivery.lag", "ms", "How long an element waited in its subscriber's delivery queue (tags: stream, subscription).");

    internal static readonly Counter<long> SlowConsumers =
        Meter.CreateCounter<long>("websockex.delivery.slow_consumers", "{subscription}", "Subscriptions ended because their delivery queue was full.");
}
