using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>Serializes server-initiated messages: heartbeats and <c>subscription</c> notifications.</summary>
internal static class Notifications
{
    public static readonly byte[] Heartbeat =
        Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"heartbeat"}}""");

    public static readonly byte[] TestRequest =
        Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}""");

    /// <summary>Writes <c>{"jsonrpc":"2.0","method":"subscription","params":{"channel":..,"data":..}}</c>.</summary>
    public static byte[] Subscription(string channel, Action<Utf8JsonWriter> writeData)
    {
        ArgumentNullException.ThrowIfNull(writeData);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", "subscription");
            writer.WriteStartObject("params");
            writer.WriteString("channel", channel);
            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
