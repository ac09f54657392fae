using System.Buffers;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Records of one subject that leave as one NATS message.</summary>
internal sealed class RecordBatch(ArrayBufferWriter<byte> writer)
{
    public ArrayBufferWriter<byte> Writer { get; } = writer;

    public int Records { get; set; }

    public ReadOnlyMemory<byte> Bytes => Writer.WrittenMemory;
}
