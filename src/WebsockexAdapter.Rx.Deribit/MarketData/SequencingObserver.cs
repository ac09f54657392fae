namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Hands a book channel's decoded messages to its <see cref="BookSequencer"/> under the stream's gate, which the
/// reconnect's reset (from the adapter's states, on another thread) takes too; the end goes straight to the stream.
/// </summary>
internal sealed class SequencingObserver(Lock gate, BookSequencer sequencer, IObserver<ChannelMessage<BookUpdate>> stream) : IObserver<ChannelMessage<BookData>>
{
    public void OnNext(ChannelMessage<BookData> value)
    {
        lock (gate)
        {
            sequencer.Next(value);
        }
    }

    public void OnError(Exception error) => stream.OnError(error);

    public void OnCompleted() => stream.OnCompleted();
}
