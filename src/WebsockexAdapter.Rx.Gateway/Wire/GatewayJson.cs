using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// How the gateway's control messages (requests, replies with their book snapshot, status) and the ticker and trades
/// data inside channel records are written: JSON, camelCase, enums as names. The Deribit records carry their own converters
/// (a book entry stays <c>["new", price, amount]</c>); decimals round-trip exactly, so a consumer's book equals the gateway's.
/// </summary>
internal static class GatewayJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <exception cref="JsonException">The bytes are not a <typeparamref name="T"/>.</exception>
    public static T Read<T>(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new JsonException($"A gateway message was null where a {typeof(T).Name} was expected.");
}
