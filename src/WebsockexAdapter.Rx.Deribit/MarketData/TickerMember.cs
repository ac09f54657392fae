namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The members of a ticker that <see cref="TickerFields"/> keeps; the numbers come last, in the order of <see cref="TickerNumbers"/>.</summary>
internal enum TickerMember
{
    Other,
    Timestamp,
    InstrumentName,
    State,
    UnderlyingIndex,
    Greeks,
    Stats,
    BestBidPrice,
    BestBidAmount,
    BestAskPrice,
    BestAskAmount,
    LastPrice,
    MarkPrice,
    IndexPrice,
    OpenInterest,
    MinPrice,
    MaxPrice,
    SettlementPrice,
    DeliveryPrice,
    EstimatedDeliveryPrice,
    CurrentFunding,
    Funding8h,
    InterestValue,
    InterestRate,
    MarkIv,
    BidIv,
    AskIv,
    UnderlyingPrice,
}
