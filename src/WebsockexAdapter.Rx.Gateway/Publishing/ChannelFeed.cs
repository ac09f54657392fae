using System.Buffers;
using System.Reactive.Disposables;
using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// One channel the gateway carries: the adapter's stream, numbered and published on the channel's subject. For a book
/// channel it also keeps the current book, so a consumer that arrives at any moment gets the book as of message N and
/// then the messages after N. If the gateway falls behind its own adapter (the adapter ends the subscription with a
/// <see cref="SlowConsumerException"/>), the feed subscribes again under a new source: its consumers see another feed,
/// reset and take a fresh snapshot, instead of losing the channel.
/// </summary>
internal sealed class ChannelFeed : IDisposable
{
    private readonly ChannelName _channel;
    private readonly string _subject;
    private readonly string _gatewayId;
    private readonly string _firstSource;
    private readonly OutboundQueue _outbound;
    private readonly IDeribitMarketData _adapter;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly SerialDisposable _subscription = new();
    private string _source;
    private OrderBook? _book;
    private int _restarts;

    // Encoding happens in the observer's callbacks, which Rx calls one at a time, so one buffer serves them all.
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private long _seq;
    private int _epoch;
    private string _connectionId = string.Empty;
    private DateTimeOffset _receivedAt;
    private long _bookTimestamp;

    public ChannelFeed(ChannelName channel, string subject, string gatewayId, string source, OutboundQueue outbound, IDeribitMarketData adapter, ILogger logger)
    {
        _channel = channel;
        _subject = subject;
        _gatewayId = gatewayId;
        _firstSource = source;
        _source = source;
        _outbound = outbound;
        _adapter = adapter;
        _logger = logger;
        _book = channel.Kind == ChannelKind.Book ? new OrderBook() : null;
        _subscription.Disposable = Subscribe();
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

    private IDisposable Subscribe() => _channel.Kind switch
    {
        ChannelKind.Book => _adapter.SubscribeBook(_channel.Instrument, _channel.Interval).Subscribe(OnBook, OnError<BookUpdate>),
        ChannelKind.Ticker => _adapter.SubscribeTicker(_channel.Instrument, _channel.Interval).Subscribe(m => Publish(m, JsonPayloadCodec<Ticker>.Instance), OnError<Ticker>),
        _ => _adapter.SubscribeTrades(_channel.Instrument, _channel.Interval).Subscribe(m => Publish(m, JsonPayloadCodec<IReadOnlyList<Trade>>.Instance), OnError<IReadOnlyList<Trade>>),
    };

    /// <summary>A new source, numbered from 1 again, with an empty book until the new subscription's snapshot.</summary>
    private void Restart(SlowConsumerException error)
    {
        string source;
        lock (_gate)
        {
            source = _source = $"{_firstSource}.{++_restarts}";
            _seq = 0;
            _book = _book is null ? null : new OrderBook();
        }

        GatewayLog.FeedRestarted(_logger, _gatewayId, _channel.Name, error.Message, source);

        // Replacing disposes the ended subscription; once the feed is disposed, the new one is disposed at once.
        _subscription.Disposable = Subscribe();
    }

    private void OnBook(ChannelMessage<BookUpdate> message)
    {
        long seq;
        string source;
        lock (_gate)
        {
            // The book and its number move together, so a snapshot never includes half of a message.
            _book!.Apply(message.Data);
            _bookTimestamp = message.Data.Timestamp;
            seq = Next(message);
            source = _source;
        }

        Send(message, seq, source, BookUpdateCodec.Instance);
    }

    private void Publish<T>(ChannelMessage<T> message, IPayloadCodec<T> codec)
    {
        long seq;
        string source;
        lock (_gate)
        {
            seq = Next(message);
            source = _source;
        }

        Send(message, seq, source, codec);
    }

    private long Next<T>(in ChannelMessage<T> message)
    {
        _epoch = message.Epoch;
        _connectionId = message.ConnectionId;
        _receivedAt = message.ReceivedAt;
        return ++_seq;
    }

    private void Send<T>(in ChannelMessage<T> message, long seq, string source, IPayloadCodec<T> codec)
    {
        var envelope = new GatewayEnvelope<T>
        {
            GatewayId = _gatewayId,
            Source = source,
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
        if (error is SlowConsumerException slow)
        {
            Restart(slow);
            return;
        }

        long seq;
        string source;
        lock (_gate)
        {
            seq = ++_seq;
            source = _source;
        }

        // The codec is never asked to write data for an error record.
        _outbound.EnqueueRecord(_subject, GatewayRecords.Encode(
            new GatewayEnvelope<T>
            {
                GatewayId = _gatewayId,
                Source = source,
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
