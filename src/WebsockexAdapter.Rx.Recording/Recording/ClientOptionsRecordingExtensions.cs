namespace WebsockexAdapter.Rx.Recording;

/// <summary>Recording and replay as one line on a client's options.</summary>
public static class ClientOptionsRecordingExtensions
{
    /// <summary>The same options, with every socket recorded by <paramref name="recorder"/>.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="recorder">Where to record.</param>
    public static ClientOptions RecordTo(this ClientOptions options, SessionRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recorder);
        return options with { TransportFactory = recorder.Wrap(options.TransportFactory) };
    }

    /// <summary>The same options, playing <paramref name="replay"/>'s recording on its virtual clock instead of connecting.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="replay">The recording and its clock.</param>
    public static ClientOptions ReplayFrom(this ClientOptions options, SessionReplay replay)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(replay);
        return options with { TransportFactory = replay.TransportFactory, Scheduler = replay.Scheduler };
    }
}
