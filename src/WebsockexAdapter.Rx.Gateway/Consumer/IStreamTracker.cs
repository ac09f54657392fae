using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Turns one channel's subscribe replies and messages into what the consumer's observer sees.</summary>
internal interface IStreamTracker<T>
{
    /// <summary>Whether the next step is a subscribe at the gateway (first, or after a hole for a book).</summary>
    bool NeedsSubscribe { get; }

    void OnSubscribed(SubscribeReply reply, List<ChannelMessage<T>> output);

    /// <exception cref="GatewayStreamException">The gateway ended the stream with an error.</exception>
    void OnMessage(GatewayEnvelope<T> message, List<ChannelMessage<T>> output);
}
