using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A price that the exchange sometimes sends as a word (<c>"market_price"</c>): a number, or null for anything else.</summary>
internal sealed class NumberOrNullConverter : JsonConverter<decimal?>
{
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetDecimal() : null;

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
