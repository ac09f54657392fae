using System.Buffers.Binary;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The files of one recording, written block by block: the first at the recorder's path, the next ones (after a
/// rotation) at <see cref="PartPath"/>. Each block is written with one call and handed to the operating system at once,
/// so a killed process leaves every block it finished, and at worst a torn tail.
/// </summary>
internal sealed class RecordingFile : IDisposable
{
    private readonly string _path;
    private readonly RecordingOptions _options;
    private readonly BlockCodec _codec;
    private byte[] _output = new byte[64 * 1024];
    private FileStream _stream;
    private int _part;

    public RecordingFile(string path, RecordingOptions options, DateTimeOffset now)
    {
        _path = path;
        _options = options;
        _codec = BlockCodec.ForWriting(options.Codec, options.CompressionLevel);
        _stream = Open(path, options.Codec);
        OpenedAt = now;
    }

    /// <summary>The file being written.</summary>
    public string CurrentPath => _stream.Name;

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>Every byte written to every part, headers included.</summary>
    public long BytesWritten { get; private set; } = RecordingFormat.HeaderSize;

    /// <summary>The path of part <paramref name="part"/> (0 is the recorder's own path): <c>name.N.ext</c>.</summary>
    public static string PartPath(string path, int part) => part == 0
        ? path
        : Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, $"{Path.GetFileNameWithoutExtension(path)}.{part}{Path.GetExtension(path)}");

    /// <summary>Starts the age of the first part: the recorder learns its clock only when a client first uses it.</summary>
    public void MarkOpened(DateTimeOffset now) => OpenedAt = now;

    /// <summary>Compresses <paramref name="raw"/> into one block, appends it, and hands it to the operating system.</summary>
    public void WriteBlock(ReadOnlySpan<byte> raw, DateTimeOffset now)
    {
        var bound = _codec.MaxCompressedLength(raw.Length) + RecordingFormat.BlockHeadSize;
        if (_output.Length < bound)
        {
            _output = new byte[Math.Max(bound, _output.Length * 2)];
        }

        var written = _codec.Compress(raw, _output.AsSpan(RecordingFormat.BlockHeadSize));
        var head = _output.AsSpan(0, RecordingFormat.BlockHeadSize);
        RecordingFormat.BlockMagic.CopyTo(head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)written);
        BinaryPrimitives.WriteUInt32LittleEndian(head[8..], (uint)raw.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(head[12..], RecordingFormat.BlockChecksum((uint)written, (uint)raw.Length, _output.AsSpan(RecordingFormat.BlockHeadSize, written)));
        var block = _output.AsSpan(0, RecordingFormat.BlockHeadSize + written);
        _stream.Write(block);
        _stream.Flush();
        BytesWritten += block.Length;
        RotateIfDue(now);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _codec.Dispose();
    }

    private void RotateIfDue(DateTimeOffset now)
    {
        var bySize = _options.RotateAfterBytes is { } bytes && _stream.Length >= bytes;
        var byAge = _options.RotateAfterTime is { } age && now - OpenedAt >= age;
        if (!bySize && !byAge)
        {
            return;
        }

        _stream.Dispose();
        _part++;
        _stream = Open(PartPath(_path, _part), _codec.Codec);
        BytesWritten += RecordingFormat.HeaderSize;
        OpenedAt = now;
    }

    private static FileStream Open(string path, RecordingCodec codec)
    {
        // No buffer of our own: each block goes to the operating system in one write, where a killed process cannot lose it.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        Span<byte> header = stackalloc byte[RecordingFormat.HeaderSize];
        RecordingFormat.WriteHeader(header, codec);
        stream.Write(header);
        stream.Flush();
        return stream;
    }
}
