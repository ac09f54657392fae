namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Whether a stream may deliver on NATS.Net's reader thread, one stream at a time. An observer is trusted there only
/// after <see cref="FastInARow"/> deliveries in a row that each took at most <see cref="Budget"/> (measured off the
/// reader); one delivery over the budget sends the stream off the reader until it has been fast that many times again.
/// So a callback that blocks or is slow runs off the reader, where it delays only its own stream and its queue drops
/// what does not fit (the slow-consumer rule); only an observer that has been fast for a while can hold the reader, and
/// then for one call.
/// </summary>
internal sealed class ReaderDelivery(TimeProvider time)
{
    /// <summary>The longest delivery (tracking and the observer's calls for one NATS message) still counted as fast.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMicroseconds(500);

    /// <summary>Fast deliveries in a row before a stream delivers on the reader.</summary>
    public const int FastInARow = 256;

    private int _fast;

    /// <summary>Whether the next delivery may run on the reader's thread.</summary>
    public bool OnReader => _fast >= FastInARow;

    /// <summary>The moment a delivery starts.</summary>
    public long Start() => time.GetTimestamp();

    /// <summary>Counts a delivery that started at <paramref name="started"/> as fast or slow.</summary>
    public void Finished(long started)
    {
        if (time.GetElapsedTime(started) > Budget)
        {
            _fast = 0;
        }
        else if (_fast < FastInARow)
        {
            _fast++;
        }
    }
}
