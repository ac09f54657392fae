using System.Buffers;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Control;

/// <summary>What <c>GET /control/state</c> answers: the counts, every connection's record, and the open orders.</summary>
internal static class ControlState
{
    public static ReadOnlyMemory<byte> ToJson(DeribitSimulator simulator)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("connections_opened", simulator.ConnectionsOpened);
            w.WriteNumber("connections_alive", simulator.ConnectionsAlive);
            w.WriteStartArray("connections");
            foreach (var c in simulator.Connections)
            {
                w.WriteStartObject();
                w.WriteNumber("id", c.Id);
                w.WriteString("opened_at", c.OpenedAt);
                if (c.ClosedAt is { } closed)
                {
                    w.WriteString("closed_at", closed);
                }

                w.WriteBoolean("authenticated", c.IsAuthenticated);
                w.WriteString("client_id", c.ClientId);
                w.WriteBoolean("cancel_on_disconnect", c.CancelOnDisconnect.Enabled);
                w.WriteString("cancel_on_disconnect_scope", c.CancelOnDisconnect.Scope == CancelOnDisconnectScope.Account ? "account" : "connection");
                w.WriteString("close_reason", c.CloseReason);
                WriteStrings(w, "subscriptions", c.Subscriptions);
                WriteStrings(w, "methods", c.Methods);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("open_orders");
            foreach (var order in simulator.GetOpenOrders())
            {
                w.WriteStartObject();
                w.WriteString("order_id", order.OrderId);
                w.WriteString("client_id", order.ClientId);
                w.WriteString("instrument_name", order.InstrumentName);
                w.WriteString("direction", order.Direction);
                w.WriteNumber("price", order.Price);
                w.WriteNumber("amount", order.Amount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
