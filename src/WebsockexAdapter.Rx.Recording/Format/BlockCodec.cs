using K4os.Compression.LZ4;
using ZstdSharp;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// One recording's codec, as the file header names it: compresses blocks for a writer, or decompresses them for a
/// reader, with the codec's state kept between blocks. A block that does not decompress is an
/// <see cref="InvalidDataException"/>, whatever the codec.
/// </summary>
internal sealed class BlockCodec : IDisposable
{
    private readonly Compressor? _zstd;
    private readonly Decompressor? _unzstd;

    private BlockCodec(RecordingCodec codec, Compressor? zstd, Decompressor? unzstd)
    {
        Codec = codec;
        _zstd = zstd;
        _unzstd = unzstd;
    }

    public RecordingCodec Codec { get; }

    public static BlockCodec ForWriting(RecordingCodec codec, int zstdLevel) =>
        new(codec, codec == RecordingCodec.Zstandard ? new Compressor(zstdLevel) : null, null);

    public static BlockCodec ForReading(RecordingCodec codec) =>
        new(codec, null, codec == RecordingCodec.Zstandard ? new Decompressor() : null);

    /// <summary>Whether this library reads blocks of <paramref name="codec"/>.</summary>
    public static bool IsKnown(ushort codec) => codec is (ushort)RecordingCodec.Zstandard or (ushort)RecordingCodec.Lz4;

    /// <summary>The most bytes <see cref="Compress"/> can write for <paramref name="rawLength"/> bytes.</summary>
    public int MaxCompressedLength(int rawLength) => Codec == RecordingCodec.Lz4
        ? LZ4Codec.MaximumOutputSize(rawLength)
        : Compressor.GetCompressBound(rawLength);

    /// <summary>Compresses <paramref name="raw"/> into <paramref name="output"/> (at least <see cref="MaxCompressedLength"/>) and returns the length.</summary>
    public int Compress(ReadOnlySpan<byte> raw, Span<byte> output) => Codec == RecordingCodec.Lz4
        ? LZ4Codec.Encode(raw, output, LZ4Level.L00_FAST)
        : _zstd!.Wrap(raw, output);

    /// <summary>Decompresses one block into <paramref name="raw"/> (its recorded raw length) and returns the length written.</summary>
    /// <exception cref="InvalidDataException">The block does not decompress.</exception>
    public int Decompress(ReadOnlySpan<byte> compressed, Span<byte> raw)
    {
        if (Codec == RecordingCodec.Lz4)
        {
            var written = LZ4Codec.Decode(compressed, raw);
            return written >= 0 ? written : throw new InvalidDataException("LZ4 says the data is damaged");
        }

        try
        {
            return _unzstd!.Unwrap(compressed, raw);
        }
        catch (ZstdException error)
        {
            throw new InvalidDataException(error.Message, error);
        }
    }

    public void Dispose()
    {
        _zstd?.Dispose();
        _unzstd?.Dispose();
    }
}
