using System.Buffers.Binary;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The file layout. A 16-byte header: the magic <c>WXREC\r\n\x1A</c> (a text-mode transfer or a foreign file breaks
/// it), the format version (u16), the codec of every block of the file (u16, a <see cref="RecordingCodec"/>) and 4
/// reserved bytes. Then blocks, each a 16-byte head (the
/// magic <c>WXB1</c>, compressed length, raw length, CRC-32C of the lengths and the compressed bytes; all little-endian
/// u32) and its compressed records. Blocks are only ever appended whole, so a crash leaves at worst one block cut
/// short at the end: the torn tail, which a reader detects by its length and leaves out.
/// </summary>
internal static class RecordingFormat
{
    /// <summary>The version this code writes, and the newest it reads.</summary>
    public const ushort Version = 1;

    public const int HeaderSize = 16;

    public const int BlockHeadSize = 16;

    /// <summary>The largest block a reader accepts (either length): a corrupted length must not cost a huge allocation.</summary>
    public const int MaxBlockSize = 256 * 1024 * 1024;

    public static ReadOnlySpan<byte> Magic => "WXREC\r\n\u001a"u8;

    public static ReadOnlySpan<byte> BlockMagic => "WXB1"u8;

    public static void WriteHeader(Span<byte> header, RecordingCodec codec)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], (ushort)codec);
        header[12..HeaderSize].Clear();
    }

    /// <summary>The CRC a block head carries: over both lengths, then the compressed bytes.</summary>
    public static uint BlockChecksum(uint compressedLength, uint rawLength, ReadOnlySpan<byte> compressed)
    {
        Span<byte> lengths = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(lengths, compressedLength);
        BinaryPrimitives.WriteUInt32LittleEndian(lengths[4..], rawLength);
        return Crc32C.Append(Crc32C.Append(0, lengths), compressed);
    }
}
