using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A subscriber of one channel. What its observer throws is logged and swallowed: one faulty strategy must not take the
/// connection, or the other subscribers, down with it. A raw subscriber gets the data as <see cref="ChannelData"/>,
/// whose element its delivery builds (see <see cref="DeribitAdapter.Subscribe(string)"/>); a typed one decodes bytes.
/// </summary>
internal sealed class ChannelObserver(IObserver<ChannelMessage<ChannelData>> observer, ILogger logger, IChannelDecoder? decoder = null)
{
    private int _ended;

    /// <summary>Whether this subscriber takes messages from their bytes (see <see cref="OnData"/>).</summary>
    public bool TakesBytes => decoder is not null;

    /// <summary>A message as bytes, for a subscriber that <see cref="TakesBytes"/>; false when they are malformed.</summary>
    public bool OnData(ReadOnlySpan<byte> data, string channel, int epoch, string connectionId, DateTimeOffset receivedAt)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            return true;
        }

        try
        {
            return decoder!.OnData(data, channel, epoch, connectionId, receivedAt);
        }
#pragma warning disable CA1031 // See the class summary: a subscriber's exception is its own.
        catch (Exception error)
#pragma warning restore CA1031
        {
            DeribitLog.ObserverFailed(logger, connectionId, channel, error);
            return true;
        }
    }

    public void OnNext(in ChannelMessage<ChannelData> message)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            return;
        }

        try
        {
            observer.OnNext(message);
        }
#pragma warning disable CA1031 // See the class summary: a subscriber's exception is its own.
        catch (Exception error)
#pragma warning restore CA1031
        {
            DeribitLog.ObserverFailed(logger, message.ConnectionId, message.Channel, error);
        }
    }

    public void OnError(Exception error)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            try
            {
                observer.OnError(error);
            }
#pragma warning disable CA1031 // See the class summary.
            catch (Exception thrown)
#pragma warning restore CA1031
            {
                DeribitLog.ObserverFailed(logger, "-", "(error)", thrown);
            }
        }
    }

    public void OnCompleted()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            try
            {
                observer.OnCompleted();
            }
#pragma warning disable CA1031 // See the class summary.
            catch (Exception thrown)
#pragma warning restore CA1031
            {
                DeribitLog.ObserverFailed(logger, "-", "(completion)", thrown);
            }
        }
    }
}
