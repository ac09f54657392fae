using System.Buffers;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// One channel the gateway carries: the adapter's stream, numbered and published on the channel's subject. For a book
/// channel it also keeps the current book, so a consumer that arrives at any moment gets the book as of message N and
/// then the messages after N.
/// </summary>
internal sealed class ChannelFeed : IDisposable
{
    private readonly ChannelName _channel;
    private readonly string _subject;
    private readonly string _gatewayId;
    private readonly string _source;
    private readonly OutboundQueue _outbound;
    private readonly object _gate = new();
    private readonly OrderBook? _book;
    private readonly IDisposable _subscription;

    // Encoding happens in the observer's callbacks, which Rx calls one at a time, so one buffer serves them all.
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private long _seq;
    private int _epoch;
    private string _connectionId = string.Empty;
    private DateTimeOffset _receivedAt;
    private long _bookTimestamp;

    public ChannelFeed(ChannelName channel, string subject, string gatewayId, string source, OutboundQueue outbound, IDeribitMarketData adapter)
    {
        _channel = channel;
        _subject = subject;
        _gatewayId = gatewayId;
        _source = source;
        _outbound = outbound;
        _book = channel.Kind == ChannelKind.Book ? new OrderBook() : null;
        _subscription = channel.Kind switch
        {
            ChannelKind.Book => adapter.SubscribeBook(channel.Instrument, channel.Interval).Subscribe(OnBook, OnError<BookUpdate>),
            ChannelKind.Ticker => adapter.SubscribeTicker(channel.Instrument, channel.Interval).Subscribe(m => Publish(m, JsonPayloadCodec<Ticker>.Instance), OnError<Ticker>),
            _ => adapter.SubscribeTrades(channel.Instrument, channel.Interval).Subscribe(m => Publish(m, JsonPayloadCodec<IReadOnlyList<Trade>>.Instance), OnError<IReadOnlyList<Trade>>),
        };
    }

    /// <summary>The channel's name.</summary>
    public string Name => _channel.Name;

    /// <summary>What a subscriber starts from: for a book, the book as of the last numbered message.</summary>
    public SubscribeReply Snapshot()
    {
        lock (_gate)
        {
            return new SubscribeReply
            {
                Ok = true,
                GatewayId = _gatewayId,
                Source = _source,
                Seq = _seq,
                Epoch = _epoch,
                ConnectionId = _connectionId,
                ReceivedAt = _receivedAt,
                Book = _book is { HasSnapshot: true } book ? ToSnapshot(book) : null,
            };
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnBook(ChannelMessage<BookUpdate> message)
    {
        long seq;
        lock (_gate)
        {
            // The book and its number move together, so a snapshot never includes half of a message.
            _book!.Apply(message.Data);
            _bookTimestamp = message.Data.Timestamp;
            seq = Next(message);
        }

        Send(message, seq, BookUpdateCodec.Instance);
    }

    private void Publish<T>(ChannelMessage<T> message, IPayloadCodec<T> codec)
    {
        long seq;
        lock (_gate)
        {
            seq = Next(message);
        }

        Send(message, seq, codec);
    }

    private long Next<T>(in ChannelMessage<T> message)
    {
        _epoch = message.Epoch;
        _connectionId = message.ConnectionId;
        _receivedAt = message.ReceivedAt;
        return ++_seq;
    }

    private void Send<T>(in ChannelMessage<T> message, long seq, IPayloadCodec<T> codec)
    {
        var envelope = new GatewayEnvelope<T>
        {
            GatewayId = _gatewayId,
            Source = _source,
            Seq = seq,
            Epoch = message.Epoch,
            ConnectionId = message.ConnectionId,
            ReceivedAt = message.ReceivedAt,
            Data = message.Data,
        };
        _outbound.EnqueueRecord(_subject, GatewayRecords.Encode(envelope, codec, _scratch));
    }

    private void OnError<T>(Exception error)
    {
        long seq;
        lock (_gate)
        {
            seq = ++_seq;
        }

        // The codec is never asked to write data for an error record.
        _outbound.EnqueueRecord(_subject, GatewayRecords.Encode(
            new GatewayEnvelope<T>
            {
                GatewayId = _gatewayId,
                Source = _source,
                Seq = seq,
                Error = $"{error.GetType().Name}: {error.Message}",
            },
            JsonPayloadCodec<T>.Instance,
            _scratch));
    }

    private BookUpdate ToSnapshot(OrderBook book) => new()
    {
        Kind = BookUpdateKind.Snapshot,
        InstrumentName = _channel.Instrument,
        Timestamp = _bookTimestamp,
        ChangeId = book.ChangeId,
        Bids = [.. book.Bids.Select(static l => new BookLevelChange(BookAction.New, l.Price, l.Amount))],
        Asks = [.. book.Asks.Select(static l => new BookLevelChange(BookAction.New, l.Price, l.Amount))],
    };
}
