using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A typed subscriber of one channel: decodes each message once, from its bytes when the session offers them
/// (<see cref="IChannelDecoder"/>), or from the data of a frame the session parsed on its general path. A message that does
/// not decode goes to <c>failed</c> (logged and counted) and the next one is read as usual.
/// </summary>
internal sealed class ChannelDecoder<T>(
    Func<ReadOnlySpan<byte>, T> decode,
    IObserver<ChannelMessage<T>> observer,
    Action<string, string, JsonException> failed) : IObserver<ChannelMessage<ChannelData>>, IChannelDecoder
{
    public bool OnData(ReadOnlySpan<byte> data, string channel, int epoch, string connectionId, DateTimeOffset receivedAt)
    {
        T value;
        try
        {
            value = decode(data);
        }
        catch (JsonException error)
        {
            // Malformed bytes are the session's to skip and count, as for any frame; well-formed ones we cannot read are ours.
            if (!WireReader.IsOneValue(data))
            {
                return false;
            }

            failed(channel, connectionId, error);
            return true;
        }

        observer.OnNext(new ChannelMessage<T>(channel, value, epoch, connectionId, receivedAt));
        return true;
    }

    public void OnNext(ChannelMessage<ChannelData> message)
    {
        T value;
        try
        {
            value = decode(message.Data.Utf8);
        }
        catch (JsonException error)
        {
            failed(message.Channel, message.ConnectionId, error);
            return;
        }

        observer.OnNext(message.With(value));
    }

    public void OnError(Exception error) => observer.OnError(error);

    public void OnCompleted() => observer.OnCompleted();
}
