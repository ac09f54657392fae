namespace WebsockexAdapter.Rx.Recording;

/// <summary>Creates the inner factory's sockets, each wrapped so that the recorder sees everything it does.</summary>
internal sealed class RecordingTransportFactory(IWebSocketTransportFactory inner, SessionRecorder recorder) : IWebSocketTransportFactory
{
    public IWebSocketTransport Create(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        recorder.Attach(options.Scheduler);
        return new RecordingTransport(inner.Create(options), recorder, options.Scheduler, recorder.NextConnection());
    }
}
