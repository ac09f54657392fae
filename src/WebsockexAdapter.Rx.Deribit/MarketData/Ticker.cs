namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A <c>ticker.{instrument}.{interval}</c> notification. Every number is <see langword="null"/> when the exchange sends
/// none, null, or a word in its place (<c>"undefined"</c> for an option that never traded, <c>"expired"</c>): absent is
/// never read as zero.
/// </summary>
public sealed record Ticker
{
    // The numbers as decimals, and which were sent (see NumbersSent).
    private NumbersSent _sent;
    private decimal _bestBidPrice;
    private decimal _bestBidAmount;
    private decimal _bestAskPrice;
    private decimal _bestAskAmount;
    private decimal _lastPrice;
    private decimal _markPrice;
    private decimal _indexPrice;
    private decimal _openInterest;
    private decimal _minPrice;
    private decimal _maxPrice;
    private decimal _settlementPrice;
    private decimal _deliveryPrice;
    private decimal _estimatedDeliveryPrice;
    private decimal _currentFunding;
    private decimal _funding8h;
    private decimal _interestValue;
    private decimal _interestRate;
    private decimal _markIv;
    private decimal _bidIv;
    private decimal _askIv;
    private decimal _underlyingPrice;

    /// <summary>The exchange's timestamp, in milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary>The instrument's state, e.g. <c>open</c>.</summary>
    public string? State { get; init; }

    /// <summary>The best bid, if any.</summary>
    public decimal? BestBidPrice { get => _sent.Get(0, _bestBidPrice); init => _bestBidPrice = _sent.Keep(0, value); }

    /// <summary>The amount at the best bid.</summary>
    public decimal? BestBidAmount { get => _sent.Get(1, _bestBidAmount); init => _bestBidAmount = _sent.Keep(1, value); }

    /// <summary>The best ask, if any.</summary>
    public decimal? BestAskPrice { get => _sent.Get(2, _bestAskPrice); init => _bestAskPrice = _sent.Keep(2, value); }

    /// <summary>The amount at the best ask.</summary>
    public decimal? BestAskAmount { get => _sent.Get(3, _bestAskAmount); init => _bestAskAmount = _sent.Keep(3, value); }

    /// <summary>The last trade's price, if any.</summary>
    public decimal? LastPrice { get => _sent.Get(4, _lastPrice); init => _lastPrice = _sent.Keep(4, value); }

    /// <summary>The mark price.</summary>
    public decimal? MarkPrice { get => _sent.Get(5, _markPrice); init => _markPrice = _sent.Keep(5, value); }

    /// <summary>The index price.</summary>
    public decimal? IndexPrice { get => _sent.Get(6, _indexPrice); init => _indexPrice = _sent.Keep(6, value); }

    /// <summary>The open interest.</summary>
    public decimal? OpenInterest { get => _sent.Get(7, _openInterest); init => _openInterest = _sent.Keep(7, value); }

    /// <summary>The lowest price an order may have now (the exchange's price band).</summary>
    public decimal? MinPrice { get => _sent.Get(8, _minPrice); init => _minPrice = _sent.Keep(8, value); }

    /// <summary>The highest price an order may have now (the exchange's price band).</summary>
    public decimal? MaxPrice { get => _sent.Get(9, _maxPrice); init => _maxPrice = _sent.Keep(9, value); }

    /// <summary>The settlement price of the last settlement (futures and options).</summary>
    public decimal? SettlementPrice { get => _sent.Get(10, _settlementPrice); init => _settlementPrice = _sent.Keep(10, value); }

    /// <summary>The delivery price, once the instrument has delivered.</summary>
    public decimal? DeliveryPrice { get => _sent.Get(11, _deliveryPrice); init => _deliveryPrice = _sent.Keep(11, value); }

    /// <summary>The estimated delivery price (the exchange writes <c>"expired"</c> after expiry: then none).</summary>
    public decimal? EstimatedDeliveryPrice { get => _sent.Get(12, _estimatedDeliveryPrice); init => _estimatedDeliveryPrice = _sent.Keep(12, value); }

    /// <summary>A perpetual's current funding rate.</summary>
    public decimal? CurrentFunding { get => _sent.Get(13, _currentFunding); init => _currentFunding = _sent.Keep(13, value); }

    /// <summary>A perpetual's funding rate over the last 8 hours.</summary>
    public decimal? Funding8h { get => _sent.Get(14, _funding8h); init => _funding8h = _sent.Keep(14, value); }

    /// <summary>A perpetual's interest value.</summary>
    public decimal? InterestValue { get => _sent.Get(15, _interestValue); init => _interestValue = _sent.Keep(15, value); }

    /// <summary>An option's interest rate, used for its implied volatility.</summary>
    public decimal? InterestRate { get => _sent.Get(16, _interestRate); init => _interestRate = _sent.Keep(16, value); }

    /// <summary>An option's implied volatility at the mark price, in percent.</summary>
    public decimal? MarkIv { get => _sent.Get(17, _markIv); init => _markIv = _sent.Keep(17, value); }

    /// <summary>An option's implied volatility at the best bid, in percent.</summary>
    public decimal? BidIv { get => _sent.Get(18, _bidIv); init => _bidIv = _sent.Keep(18, value); }

    /// <summary>An option's implied volatility at the best ask, in percent.</summary>
    public decimal? AskIv { get => _sent.Get(19, _askIv); init => _askIv = _sent.Keep(19, value); }

    /// <summary>An option's underlying price.</summary>
    public decimal? UnderlyingPrice { get => _sent.Get(20, _underlyingPrice); init => _underlyingPrice = _sent.Keep(20, value); }

    /// <summary>What an option's underlying price is, e.g. <c>BTC-27DEC24</c> or <c>index_price</c>.</summary>
    public string? UnderlyingIndex { get; init; }

    /// <summary>An option's greeks; <see langword="null"/> for other instruments.</summary>
    public Greeks? Greeks { get; init; }

    /// <summary>The last 24 hours' statistics.</summary>
    public TickerStats Stats { get; init; } = TickerStats.None;
}
