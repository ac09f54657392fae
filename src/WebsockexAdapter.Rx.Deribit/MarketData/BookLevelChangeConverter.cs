using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Reads and writes a book entry as the exchange does: a three-element array <c>["new", 64000.5, 120]</c>.</summary>
internal sealed class BookLevelChangeConverter : JsonConverter<BookLevelChange>
{
    public override BookLevelChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        reader.Read();
        var action = reader.TokenType == JsonTokenType.String
            ? reader.ValueTextEquals("new"u8) ? BookAction.New
            : reader.ValueTextEquals("change"u8) ? BookAction.Change
            : reader.ValueTextEquals("delete"u8) ? BookAction.Delete
            : throw new JsonException("A book entry's action must be new, change or delete.")
            : throw new JsonException("A book entry must start with its action.");
        reader.Read();
        var price = reader.GetDecimal();
        reader.Read();
        var amount = reader.GetDecimal();
        reader.Read();
        Expect(ref reader, JsonTokenType.EndArray);
        return new BookLevelChange(action, price, amount);
    }

    public override void Write(Utf8JsonWriter writer, BookLevelChange value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Action switch
        {
            BookAction.New => "new",
            BookAction.Change => "change",
            _ => "delete",
        });
        writer.WriteNumberValue(value.Price);
        writer.WriteNumberValue(value.Amount);
        writer.WriteEndArray();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"A book entry must be an array of [action, price, amount] (found {reader.TokenType}).");
        }
    }
}
