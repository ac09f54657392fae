using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Ticker and trades: every message is whole on its own, so a hole needs no resync; a message already delivered
/// (same feed, number not above the last) is dropped.
/// </summary>
internal sealed class MessageTracker<T>(string channel, EpochMap epochs) : IStreamTracker<T>
{
    private string? _source;
    private long _seq;

    public bool NeedsSubscribe { get; private set; } = true;

    public void OnSubscribed(SubscribeReply reply, List<ChannelMessage<T>> output) => NeedsSubscribe = false;

    public void OnMessage(GatewayEnvelope<T> message, List<ChannelMessage<T>> output)
    {
        if (message.Error is { } error)
        {
            throw new GatewayStreamException(channel, error);
        }

        if (message.Source == _source && message.Seq <= _seq)
        {
            return;
        }

        _source = message.Source;
        _seq = message.Seq;
        output.Add(new ChannelMessage<T>(channel, message.Data!, epochs.Local(message.GatewayId, message.Epoch), message.ConnectionId, message.ReceivedAt));
    }
}
