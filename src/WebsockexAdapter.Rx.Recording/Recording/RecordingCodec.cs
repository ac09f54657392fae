namespace WebsockexAdapter.Rx.Recording;

/// <summary>How a recording's blocks are compressed. The numbers are the file header's: never renumber, only add.</summary>
public enum RecordingCodec : ushort
{
    /// <summary>Zstandard (at <see cref="RecordingOptions.CompressionLevel"/>): the smaller files, for more CPU per message than LZ4 on a varied feed.</summary>
    Zstandard = 1,

    /// <summary>LZ4 (its fast level): the least CPU per message, for larger files than Zstandard's.</summary>
    Lz4 = 2,
}
