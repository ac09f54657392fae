using System.Buffers.Binary;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// A recording read back: every event of every file, in the order they were recorded. A torn tail (a last block cut
/// short by a crash) is left out and reported in <see cref="TornTail"/>; anything else that is wrong is a
/// <see cref="RecordingFormatException"/> naming the file and the offset.
/// </summary>
public sealed class SessionRecording
{
    private SessionRecording(IReadOnlyList<RecordedEvent> events, IReadOnlyList<string> files, TornTail? tornTail)
    {
        Events = events;
        Files = files;
        TornTail = tornTail;
    }

    /// <summary>Every event, in recorded order.</summary>
    public IReadOnlyList<RecordedEvent> Events { get; }

    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The block cut short at the end of the last file, if a crash left one; its events are not in <see cref="Events"/>.</summary>
    public TornTail? TornTail { get; }

    /// <summary>The time of the first event, or <see cref="DateTimeOffset.MinValue"/> for an empty recording.</summary>
    public DateTimeOffset Start => Events.Count > 0 ? Events[0].Time : DateTimeOffset.MinValue;

    /// <summary>The time of the last event, or <see cref="DateTimeOffset.MinValue"/> for an empty recording.</summary>
    public DateTimeOffset End => Events.Count > 0 ? Events[^1].Time : DateTimeOffset.MinValue;

    /// <summary>How many connection attempts the recording holds.</summary>
    public int ConnectionCount => Events.Count > 0 ? Events.Max(static e => e.Connection) + 1 : 0;

    /// <summary>Reads <paramref name="path"/> and the parts a rotation added after it (<c>name.1.ext</c>, ...).</summary>
    /// <param name="path">The first file of the recording.</param>
    /// <exception cref="RecordingFormatException">A file is not a recording, or is damaged (the offset is named).</exception>
    /// <exception cref="RecordingVersionException">A file is from a newer version of the format.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static SessionRecording Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var events = new List<RecordedEvent>();
        var files = new List<string>();
        TornTail? torn = null;
        for (var part = 0; ; part++)
        {
            var file = RecordingFile.PartPath(path, part);
            if (part > 0 && !File.Exists(file))
            {
                break;
            }

            torn = ReadFile(file, events) ?? torn;
            files.Add(file);
        }

        return new SessionRecording(events, files, torn);
    }

    private static TornTail? ReadFile(string path, List<RecordedEvent> events)
    {
        var bytes = File.ReadAllBytes(path);
        using var codec = BlockCodec.ForReading(ReadHeader(path, bytes));
        long offset = RecordingFormat.HeaderSize;
        while (offset < bytes.Length)
        {
            var remaining = bytes.Length - offset;
            if (remaining < RecordingFormat.BlockHeadSize)
            {
                return new TornTail(path, offset, remaining);
            }

            var head = bytes.AsSpan((int)offset, RecordingFormat.BlockHeadSize);
            if (!head[..4].SequenceEqual(RecordingFormat.BlockMagic))
            {
                // A crash can leave zeros after the last whole block (the file grew before its data reached the disk).
                if (bytes.AsSpan((int)offset).IndexOfAnyExcept((byte)0) < 0)
                {
                    return new TornTail(path, offset, remaining);
                }

                throw new RecordingFormatException(path, offset, $"There is no block at offset {offset} (its marker is wrong): the file is damaged.");
            }

            var compressedLength = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
            var rawLength = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(head[12..]);
            if (compressedLength > RecordingFormat.MaxBlockSize || rawLength > RecordingFormat.MaxBlockSize)
            {
                throw new RecordingFormatException(path, offset, $"The block at offset {offset} claims {compressedLength} compressed and {rawLength} raw bytes, more than any recorder writes: the file is damaged.");
            }

            if (compressedLength > remaining - RecordingFormat.BlockHeadSize)
            {
                return new TornTail(path, offset, remaining);
            }

            var compressed = bytes.AsSpan((int)offset + RecordingFormat.BlockHeadSize, (int)compressedLength);
            if (RecordingFormat.BlockChecksum(compressedLength, rawLength, compressed) != checksum)
            {
                throw new RecordingFormatException(path, offset, $"The block at offset {offset} fails its checksum: the file is damaged.");
            }

            var raw = new byte[rawLength];
            int written;
            try
            {
                written = codec.Decompress(compressed, raw);
            }
            catch (InvalidDataException error)
            {
                throw new RecordingFormatException(path, offset, $"The block at offset {offset} does not decompress ({error.Message}).");
            }

            if (written != rawLength)
            {
                throw new RecordingFormatException(path, offset, $"The block at offset {offset} decompresses to {written} bytes, not the {rawLength} its head says.");
            }

            var decoder = new RecordDecoder(raw, written, path, offset);
            while (decoder.TryRead(out var recorded))
            {
                events.Add(recorded);
            }

            offset += RecordingFormat.BlockHeadSize + compressedLength;
        }

        return null;
    }

    /// <summary>Checks the header and returns the codec of the file's blocks.</summary>
    private static RecordingCodec ReadHeader(string path, byte[] bytes)
    {
        if (bytes.Length < RecordingFormat.Magic.Length || !bytes.AsSpan(0, RecordingFormat.Magic.Length).SequenceEqual(RecordingFormat.Magic))
        {
            throw new RecordingFormatException(path, 0, "This is not a recording: it does not start with the recording marker (WXREC).");
        }

        if (bytes.Length < RecordingFormat.HeaderSize)
        {
            throw new RecordingFormatException(path, bytes.Length, $"The header is cut short at offset {bytes.Length} (it is {RecordingFormat.HeaderSize} bytes).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (version > RecordingFormat.Version)
        {
            throw new RecordingVersionException(path, version, RecordingFormat.Version);
        }

        if (version == 0)
        {
            throw new RecordingFormatException(path, 8, "The header names format version 0, which was never written: the file is damaged.");
        }

        var codec = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(10));
        if (!BlockCodec.IsKnown(codec))
        {
            throw new RecordingFormatException(path, 10, $"The header names codec {codec}, which this version does not know: the file is damaged.");
        }

        return (RecordingCodec)codec;
    }
}
