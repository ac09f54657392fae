namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Checks one book stream's continuity. A change is passed on only if its <c>prev_change_id</c> is the last
/// <c>change_id</c> passed on, on the same connection; a gap or a new connection emits a reset and waits for a fresh
/// snapshot, asking for one (a resubscribe) on a gap. Changes that arrive while waiting are dropped: there is no book to
/// apply them to. What passes goes to <c>emit</c>, at most two updates per message (a reset, then a snapshot).
/// </summary>
internal sealed class BookSequencer(string channel, string instrument, Action<int> requestSnapshot, Action<ChannelMessage<BookUpdate>> emit)
{
    private int _epoch;
    private long? _lastChangeId;
    private bool _haveBook;

    /// <summary>The connection was lost: whatever book the consumer holds is stale from now on.</summary>
    public ChannelMessage<BookUpdate>? OnConnectionLost(DateTimeOffset at, string connectionId)
    {
        if (!_haveBook)
        {
            return null;
        }

        _haveBook = false;
        _lastChangeId = null;
        return Reset(at, connectionId, "reconnect: the connection was lost");
    }

    public void Next(in ChannelMessage<BookData> message)
    {
        var data = message.Data;
        if (message.Epoch != _epoch)
        {
            var wasTracking = _epoch != 0 && _haveBook;
            _epoch = message.Epoch;
            _lastChangeId = null;
            _haveBook = false;
            if (wasTracking)
            {
                emit(Reset(message.ReceivedAt, message.ConnectionId, $"reconnect: epoch {message.Epoch}"));
            }
        }

        if (data.IsSnapshot)
        {
            _lastChangeId = data.ChangeId;
            _haveBook = true;
            emit(message.With(ToUpdate(BookUpdateKind.Snapshot, data)));
            return;
        }

        if (!_haveBook)
        {
            return;
        }

        if (data.PrevChangeId != _lastChangeId)
        {
            var reason = $"gap: prev_change_id {data.PrevChangeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} after change_id {_lastChangeId}";
            _haveBook = false;
            _lastChangeId = null;
            requestSnapshot(message.Epoch);
            emit(Reset(message.ReceivedAt, message.ConnectionId, reason) with { Epoch = message.Epoch });
            return;
        }

        _lastChangeId = data.ChangeId;
        emit(message.With(ToUpdate(BookUpdateKind.Change, data)));
    }

    private ChannelMessage<BookUpdate> Reset(DateTimeOffset at, string connectionId, string reason) =>
        new(channel, new BookUpdate { Kind = BookUpdateKind.Reset, InstrumentName = instrument, ResetReason = reason }, _epoch, connectionId, at);

    private static BookUpdate ToUpdate(BookUpdateKind kind, in BookData data) => new()
    {
        Kind = kind,
        InstrumentName = data.InstrumentName,
        Timestamp = data.Timestamp,
        ChangeId = data.ChangeId,
        PrevChangeId = kind == BookUpdateKind.Change ? data.PrevChangeId : null,
        Bids = data.Bids,
        Asks = data.Asks,
    };
}
