namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A trade's members as a decoder reads them, before the immutable <see cref="Trade"/> is made: the one place that
/// names the members and builds the trade, for <see cref="TradeReader"/>'s tokens and <see cref="PlainTradesReader"/>'s scan.
/// </summary>
internal struct TradeFields(string? instrument)
{
    public string TradeId = string.Empty;
    public long TradeSeq;
    public long Timestamp;
    public string InstrumentName = instrument ?? string.Empty;
    public decimal Price;
    public decimal Amount;
    public string Direction = string.Empty;
    public decimal? MarkPrice;
    public decimal? IndexPrice;
    public decimal? Iv;
    public int? TickDirection;
    public string? Liquidation;
    public string? BlockTradeId;

    /// <summary>The members' names as the exchange writes them.</summary>
    public static readonly MemberNames<TradeMember> Names = new(
        ("trade_id", TradeMember.TradeId),
        ("trade_seq", TradeMember.TradeSeq),
        ("timestamp", TradeMember.Timestamp),
        ("instrument_name", TradeMember.InstrumentName),
        ("price", TradeMember.Price),
        ("amount", TradeMember.Amount),
        ("direction", TradeMember.Direction),
        ("mark_price", TradeMember.MarkPrice),
        ("index_price", TradeMember.IndexPrice),
        ("iv", TradeMember.Iv),
        ("tick_direction", TradeMember.TickDirection),
        ("liquidation", TradeMember.Liquidation),
        ("block_trade_id", TradeMember.BlockTradeId));

    public readonly Trade ToTrade() => new()
    {
        TradeId = TradeId,
        TradeSeq = TradeSeq,
        Timestamp = Timestamp,
        InstrumentName = InstrumentName,
        Price = Price,
        Amount = Amount,
        Direction = Direction,
        MarkPrice = MarkPrice,
        IndexPrice = IndexPrice,
        Iv = Iv,
        TickDirection = TickDirection,
        Liquidation = Liquidation,
        BlockTradeId = BlockTradeId,
    };
}
