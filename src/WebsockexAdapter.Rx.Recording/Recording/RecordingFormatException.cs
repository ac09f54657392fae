namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// A file that is not a recording, or one that is damaged somewhere other than a torn tail: a wrong magic, a header
/// cut short, a block whose checksum fails or whose records do not add up. <see cref="Offset"/> says where.
/// </summary>
public class RecordingFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">The byte offset in the file of the header or block at fault.</param>
    /// <param name="message">What is wrong there.</param>
    public RecordingFormatException(string path, long offset, string message)
        : base($"{path}: {message}")
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public RecordingFormatException()
        : this(string.Empty, 0, "The file is not a valid recording.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public RecordingFormatException(string message)
        : this(string.Empty, 0, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RecordingFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>The file.</summary>
    public string Path { get; } = string.Empty;

    /// <summary>The byte offset in the file of the header or block at fault.</summary>
    public long Offset { get; }
}
