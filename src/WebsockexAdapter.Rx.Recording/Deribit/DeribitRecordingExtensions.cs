using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>Recording and replay of a <see cref="DeribitAdapter"/> as one line on its options.</summary>
public static class DeribitRecordingExtensions
{
    /// <summary>
    /// Records every connection the adapter built from these options makes to <paramref name="path"/>. Dispose the
    /// recorder after the adapter, to write what is left.
    /// </summary>
    /// <param name="options">The adapter's options; its <see cref="DeribitOptions.Client"/> transport is wrapped.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="recording">How to write; <see langword="null"/> for the defaults (a flush every 100 ms, secrets left out).</param>
    /// <example><code>using var recorder = options.Record("btc.wxrec");</code></example>
    public static SessionRecorder Record(this DeribitOptions options, string path, RecordingOptions? recording = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recorder = SessionRecorder.Create(path, recording);
        options.Client = options.Client.RecordTo(recorder);
        return recorder;
    }

    /// <summary>
    /// Makes the adapter built from these options run over <paramref name="recording"/> on a virtual clock instead of
    /// connecting: its scheduler and transport are the replay's. Subscribe, then call <see cref="SessionReplay.Run"/>.
    /// </summary>
    /// <param name="options">The adapter's options, as they were when recording (the same heartbeat interval and subscriptions answer the same requests).</param>
    /// <param name="recording">What to play.</param>
    public static SessionReplay ReplayFrom(this DeribitOptions options, SessionRecording recording)
    {
        ArgumentNullException.ThrowIfNull(options);
        var replay = new SessionReplay(recording);
        options.Scheduler = replay.Scheduler;
        options.Client = options.Client.ReplayFrom(replay);
        return replay;
    }
}
