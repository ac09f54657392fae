using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Decodes the answer of an order method (<c>{"order":{...},"trades":[...]}</c>) in one pass.</summary>
internal static class OrderResultReader
{
    public static OrderResult Read(ReadOnlySpan<byte> utf8, string method)
    {
        var reader = WireReader.Start(utf8);
        WireReader.Expect(ref reader, JsonTokenType.StartObject, $"{method}'s answer");
        Order? order = null;
        List<UserTrade> trades = [];
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "order":
                    order = reader.TokenType == JsonTokenType.Null ? null : OrderReader.Read(ref reader);
                    break;
                case "trades":
                    WireReader.Expect(ref reader, JsonTokenType.StartArray, "trades");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        trades.Add(UserTradeReader.Read(ref reader));
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        WireReader.End(ref reader);
        return new OrderResult { Order = order ?? throw new JsonException($"{method} answered without an order."), Trades = trades };
    }
}
