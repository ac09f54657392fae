namespace WebsockexAdapter.Rx.Recording;

/// <summary>How a recording's blocks are compressed. The numbers are the file header's: never renumber, only add.</summary>
public enum RecordingCodec : ushort
{
    /// <summary>Zstandard (at <see cref="RecordingOptions.CompressionLevel"/>): the default; at its fast level -3 the smaller files, and less CPU per message than LZ4 on a fast feed.</summary>
    Zstandard = 1,

    /// <summary>LZ4 (its fast level): files about twice Zstandard's at -3, for about the same CPU per message on a quiet feed and more on a fast one.</summary>
    Lz4 = 2,
}
