using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>How a <see cref="SessionRecorder"/> writes. Checked once, when the recorder is created.</summary>
public sealed record RecordingOptions
{
    /// <summary>The default value of <see cref="FlushInterval"/>: 100 ms.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The default value of <see cref="CompressionLevel"/>: -3, one of Zstandard's fast levels.</summary>
    public const int DefaultCompressionLevel = -3;

    /// <summary>The lowest <see cref="CompressionLevel"/> allowed: -7 (Zstandard's faster levels cost about as much CPU, for larger files).</summary>
    public const int MinCompressionLevel = -7;

    /// <summary>The highest <see cref="CompressionLevel"/> allowed: 19.</summary>
    public const int MaxCompressionLevel = 19;

    /// <summary>The default value of <see cref="Codec"/>: <see cref="RecordingCodec.Zstandard"/>.</summary>
    public const RecordingCodec DefaultCodec = RecordingCodec.Zstandard;

    /// <summary>
    /// How often what was recorded is compressed and handed to the operating system. A process that is killed loses at
    /// most what it received in the last interval. The default value is 100 ms.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = DefaultFlushInterval;

    /// <summary>
    /// Start a new file once the current one holds this many bytes; <see langword="null"/> never does. The next files
    /// are named after the first with <c>.1</c>, <c>.2</c>... before the extension, and <see cref="SessionRecording.Load"/>
    /// reads them all. The default value is <see langword="null"/>.
    /// </summary>
    public long? RotateAfterBytes { get; init; }

    /// <summary>Start a new file once the current one is this old (on the scheduler); <see langword="null"/> never does. The default value is <see langword="null"/>.</summary>
    public TimeSpan? RotateAfterTime { get; init; }

    /// <summary>
    /// How blocks are compressed: <see cref="RecordingCodec.Zstandard"/> at its fast level -3 costs a fast feed less
    /// CPU per message than <see cref="RecordingCodec.Lz4"/> and writes files about half the size; on small blocks (a
    /// quiet feed) the two cost about the same (benchmarks/README.md, "Recording", has both on the e2e blast). The file
    /// says which, so a reader needs no option. The default value is <see cref="RecordingCodec.Zstandard"/>.
    /// </summary>
    public RecordingCodec Codec { get; init; } = DefaultCodec;

    /// <summary>
    /// The Zstandard level when <see cref="Codec"/> is <see cref="RecordingCodec.Zstandard"/> (LZ4 runs at its fast
    /// level): <see cref="MinCompressionLevel"/> (-7) to <see cref="MaxCompressionLevel"/> (19); below 1 are the fast
    /// levels, less CPU for larger files. Any level reads back the same way. The default value is -3.
    /// </summary>
    public int CompressionLevel { get; init; } = DefaultCompressionLevel;

    /// <summary>
    /// Whether secrets are left out of the file: the values of <c>client_secret</c>, <c>signature</c>,
    /// <c>access_token</c>, <c>refresh_token</c> and <c>password</c> anywhere in a JSON text frame are written as
    /// <c>"&lt;redacted&gt;"</c> (a replay matches such a request by its method alone). The default value is
    /// <see langword="true"/>.
    /// </summary>
    public bool RedactSecrets { get; init; } = true;

    /// <summary>
    /// The clock of the flush timer and the time rotation. The default value is <see langword="null"/>: the scheduler of
    /// the first client whose transport the recorder wraps (events are always stamped by their own client's scheduler).
    /// </summary>
    public IScheduler? Scheduler { get; init; }

    /// <summary>Checks every rule and throws one <see cref="InvalidOptionsException"/> listing all that are broken.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{nameof(FlushInterval)} must be positive and at most one minute (was {FlushInterval}).");
        }

        if (RotateAfterBytes is <= 0)
        {
            errors.Add($"{nameof(RotateAfterBytes)} must be positive when set (was {RotateAfterBytes}).");
        }

        if (RotateAfterTime is { } age && age <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(RotateAfterTime)} must be positive when set (was {age}).");
        }

        if (!Enum.IsDefined(Codec))
        {
            errors.Add($"{nameof(Codec)} must be one of {string.Join(", ", Enum.GetNames<RecordingCodec>())} (was {(ushort)Codec}).");
        }

        if (CompressionLevel is < MinCompressionLevel or > MaxCompressionLevel or 0)
        {
            errors.Add($"{nameof(CompressionLevel)} must be between {MinCompressionLevel} and {MaxCompressionLevel}, and not 0 (was {CompressionLevel}).");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(RecordingOptions), errors);
        }
    }
}
