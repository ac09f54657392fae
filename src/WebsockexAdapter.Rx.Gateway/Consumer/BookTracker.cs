using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// A book through the gateway: the subscribe reply's snapshot (the gateway's book as of message N), then messages
/// N+1, N+2, ... of the same feed. A number already passed is a duplicate and dropped; a hole (a slow consumer, a lost
/// publish) or another feed (another gateway, the channel re-subscribed) ends the book: a Reset, then a new subscribe
/// whose snapshot starts it again. So the observer sees what a local adapter's book stream shows: Reset, Snapshot,
/// Changes that chain.
/// </summary>
internal sealed class BookTracker(string channel, string instrument, EpochMap epochs) : IStreamTracker<BookUpdate>
{
    private const int RetiredLimit = 16;
    private readonly Queue<string> _retired = new();
    private string? _source;
    private long _seq;
    private bool _hasBook;
    private int _epoch;

    public bool NeedsSubscribe { get; private set; } = true;

    public void OnSubscribed(SubscribeReply reply, List<ChannelMessage<BookUpdate>> output)
    {
        if (_source is not null && _source != reply.Source)
        {
            // Messages of the feed left behind may still be in flight; they are neither a hole nor news.
            _retired.Enqueue(_source);
            if (_retired.Count > RetiredLimit)
            {
                _retired.Dequeue();
            }
        }

        _source = reply.Source;
        _seq = reply.Seq;
        NeedsSubscribe = false;
        _hasBook = reply.Book is not null;
        if (reply.Book is { } book)
        {
            _epoch = epochs.Local(reply.GatewayId, reply.Epoch);
            output.Add(new ChannelMessage<BookUpdate>(channel, book, _epoch, reply.ConnectionId, reply.ReceivedAt));
        }
    }

    public void OnMessage(GatewayEnvelope<BookUpdate> message, List<ChannelMessage<BookUpdate>> output)
    {
        if (NeedsSubscribe || _retired.Contains(message.Source) || (message.Source == _source && message.Seq <= _seq))
        {
            return;
        }

        if (message.Source != _source || message.Seq != _seq + 1)
        {
            var reason = message.Source != _source
                ? $"gateway: another feed ({message.Source})"
                : $"gateway: message {message.Seq} after {_seq}, {message.Seq - _seq - 1} lost";
            NeedsSubscribe = true;
            if (_hasBook)
            {
                _hasBook = false;
                output.Add(Reset(message, reason));
            }

            return;
        }

        _seq = message.Seq;
        if (message.Error is { } error)
        {
            throw new GatewayStreamException(channel, error);
        }

        var update = message.Data!;
        _hasBook = update.Kind switch
        {
            BookUpdateKind.Reset => false,
            BookUpdateKind.Snapshot => true,
            _ => _hasBook,
        };
        _epoch = epochs.Local(message.GatewayId, message.Epoch);
        output.Add(new ChannelMessage<BookUpdate>(channel, update, _epoch, message.ConnectionId, message.ReceivedAt));
    }

    private ChannelMessage<BookUpdate> Reset(GatewayEnvelope<BookUpdate> message, string reason) =>
        new(channel, new BookUpdate { Kind = BookUpdateKind.Reset, InstrumentName = instrument, ResetReason = reason }, _epoch, message.ConnectionId, message.ReceivedAt);
}
