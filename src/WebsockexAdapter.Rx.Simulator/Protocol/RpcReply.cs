using System.Buffers;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>Serializes replies in the exchange's envelope: <c>usIn</c>, <c>usOut</c>, <c>usDiff</c>, <c>testnet</c>.</summary>
internal static class RpcReply
{
    public static byte[] Result(string? idJson, long usIn, long usOut, Action<Utf8JsonWriter> writeResult)
    {
        ArgumentNullException.ThrowIfNull(writeResult);
        return Write(idJson, usIn, usOut, writer =>
        {
            writer.WritePropertyName("result");
            writeResult(writer);
        });
    }

    public static byte[] Error(string? idJson, long usIn, long usOut, RpcError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Write(idJson, usIn, usOut, writer =>
        {
            writer.WriteStartObject("error");
            writer.WriteNumber("code", error.Code);
            writer.WriteString("message", error.Message);
            if (error.Param is not null || error.Reason is not null)
            {
                writer.WriteStartObject("data");
                if (error.Param is not null)
                {
                    writer.WriteString("param", error.Param);
                }

                if (error.Reason is not null)
                {
                    writer.WriteString("reason", error.Reason);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
    }

    private static byte[] Write(string? idJson, long usIn, long usOut, Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (idJson is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(idJson, skipInputValidation: true);
            }

            writeBody(writer);
            writer.WriteNumber("usIn", usIn);
            writer.WriteNumber("usOut", usOut);
            writer.WriteNumber("usDiff", usOut - usIn);
            writer.WriteBoolean("testnet", true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
