using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Source-generated serializers for the requests the adapter writes and the few replies it reads with them (market data, orders and account shapes have hand-written one-pass readers): no reflection at run time, and the
/// wire's snake_case names from the C# names.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(AuthParams))]
[JsonSerializable(typeof(AuthResult))]
[JsonSerializable(typeof(HeartbeatParams))]
[JsonSerializable(typeof(CancelOnDisconnectParams))]
[JsonSerializable(typeof(ChannelsParams))]
[JsonSerializable(typeof(OrderParams))]
[JsonSerializable(typeof(OrderIdParams))]
[JsonSerializable(typeof(InstrumentParams))]
[JsonSerializable(typeof(EditParams))]
[JsonSerializable(typeof(PositionsParams))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DeribitJson : JsonSerializerContext
{
    /// <summary>Serializes <paramref name="value"/> into a <see cref="JsonElement"/> for <c>JsonRpcSession.CallAsync</c>.</summary>
    public static JsonElement Params<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToElement(value, type);
}
