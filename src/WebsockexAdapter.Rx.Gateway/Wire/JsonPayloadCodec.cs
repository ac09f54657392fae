using System.Buffers;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Ticker and trades data as JSON (<see cref="GatewayJson"/>): few messages, many fields, so the generic writer is worth its cost.</summary>
internal sealed class JsonPayloadCodec<T> : IPayloadCodec<T>
{
    public static readonly JsonPayloadCodec<T> Instance = new();

    public void Write(IBufferWriter<byte> output, T value)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, value, GatewayJson.Options);
    }

    public T Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return GatewayJson.Read<T>(bytes);
        }
        catch (JsonException error)
        {
            throw new FormatException($"A gateway record does not hold a {typeof(T).Name}: {error.Message}", error);
        }
    }
}
