namespace WebsockexAdapter.Rx.Recording;

/// <summary>A recording written by a newer version of the format than this library reads.</summary>
public sealed class RecordingVersionException : RecordingFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="version">The file's format version.</param>
    /// <param name="supported">The newest version this library reads.</param>
    public RecordingVersionException(string path, int version, int supported)
        : base(path, 8, $"The recording is format version {version}; this library reads up to version {supported}. Upgrade WebsockexAdapter.Rx.Recording to read it.")
    {
        Version = version;
        SupportedVersion = supported;
    }

    /// <summary>The file's format version.</summary>
    public int Version { get; }

    /// <summary>The newest version this library reads.</summary>
    public int SupportedVersion { get; }
}
