using System.Buffers;
using System.Buffers.Binary;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// How channel messages travel: each <see cref="GatewayEnvelope{T}"/> is one binary record (a little-endian length,
/// then the envelope's fields, then the data through the channel kind's <see cref="IPayloadCodec{T}"/>), and one NATS
/// message carries one or more records of the same channel in order. A gateway that is behind sends many in one
/// message, so NATS, nats-server's fan-out and each consumer pay their per-message cost once per batch; a gateway
/// that keeps up sends one per message and adds no wait.
/// </summary>
internal static class GatewayRecords
{
    private const byte Version = 1;
    private const byte HasData = 0;
    private const byte HasError = 1;

    /// <summary>One record, its length first, ready to be sent alone or appended to a batch.</summary>
    /// <param name="envelope">The message.</param>
    /// <param name="codec">How its data is written.</param>
    /// <param name="scratch">A buffer the caller owns and does not share while this runs; it is reset here.</param>
    public static byte[] Encode<T>(GatewayEnvelope<T> envelope, IPayloadCodec<T> codec, ArrayBufferWriter<byte> scratch)
    {
        scratch.ResetWrittenCount();
        var writer = new WireWriter(scratch);
        writer.Int32(0); // The length, written below once known.
        writer.Byte(Version);
        writer.Byte(envelope.Error is null ? HasData : HasError);
        writer.String(envelope.GatewayId);
        writer.String(envelope.Source);
        writer.Int64(envelope.Seq);
        writer.Int32(envelope.Epoch);
        writer.String(envelope.ConnectionId);
        writer.Int64(envelope.ReceivedAt.UtcTicks);
        writer.Int32((int)envelope.ReceivedAt.Offset.TotalMinutes);
        if (envelope.Error is { } error)
        {
            writer.String(error);
        }
        else
        {
            codec.Write(scratch, envelope.Data!);
        }

        var record = scratch.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(record, record.Length - 4);
        return record;
    }

    /// <summary>Every record of one NATS message, in order, appended to <paramref name="into"/>.</summary>
    /// <exception cref="FormatException">The message is not a sequence of whole records of this version.</exception>
    public static void Decode<T>(ReadOnlySpan<byte> message, IPayloadCodec<T> codec, List<GatewayEnvelope<T>> into)
    {
        var records = new WireReader(message);
        while (records.Rest.Length > 0)
        {
            into.Add(DecodeOne(records.Take(records.Int32()), codec));
        }
    }

    private static GatewayEnvelope<T> DecodeOne<T>(ReadOnlySpan<byte> record, IPayloadCodec<T> codec)
    {
        var reader = new WireReader(record);
        if (reader.Byte() is var version and not Version)
        {
            throw new FormatException($"A gateway record of version {version}; this consumer reads version {Version}.");
        }

        var hasError = reader.Byte() == HasError;
        var gatewayId = reader.String() ?? string.Empty;
        var source = reader.String() ?? string.Empty;
        var seq = reader.Int64();
        var epoch = reader.Int32();
        var connectionId = reader.String() ?? string.Empty;
        var ticks = reader.Int64();
        var offsetMinutes = reader.Int32();
        DateTimeOffset receivedAt;
        try
        {
            receivedAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentException error)
        {
            throw new FormatException("A gateway record holds an invalid time.", error);
        }

        return new GatewayEnvelope<T>
        {
            GatewayId = gatewayId,
            Source = source,
            Seq = seq,
            Epoch = epoch,
            ConnectionId = connectionId,
            ReceivedAt = receivedAt,
            Error = hasError ? reader.String() : null,
            Data = hasError ? default : codec.Read(reader.Rest),
        };
    }
}
