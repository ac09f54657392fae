using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Decodes a ticker's <c>data</c> in one pass; members it does not know are skipped.</summary>
internal static class TickerReader
{
    public static Ticker Read(ReadOnlySpan<byte> utf8, string? instrument)
    {
        var reader = WireReader.Start(utf8);
        var ticker = Read(ref reader, instrument);
        WireReader.End(ref reader);
        return ticker;
    }

    public static Ticker Read(ref Utf8JsonReader reader, string? instrument)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A ticker");
        long timestamp = 0;
        string name = instrument ?? string.Empty;
        string? state = null, underlyingIndex = null;
        decimal? bestBid = null, bestBidAmount = null, bestAsk = null, bestAskAmount = null, last = null, mark = null,
            index = null, openInterest = null, min = null, max = null, settlement = null, delivery = null,
            estimatedDelivery = null, funding = null, funding8h = null, interestValue = null, interestRate = null,
            markIv = null, bidIv = null, askIv = null, underlying = null;
        Greeks? greeks = null;
        var stats = TickerStats.None;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "timestamp": timestamp = WireReader.Integer(ref reader); break;
                case "instrument_name": name = WireReader.Instrument(ref reader, instrument); break;
                case "state": state = WireReader.Text(ref reader); break;
                case "best_bid_price": bestBid = WireReader.NumberOrNone(ref reader); break;
                case "best_bid_amount": bestBidAmount = WireReader.NumberOrNone(ref reader); break;
                case "best_ask_price": bestAsk = WireReader.NumberOrNone(ref reader); break;
                case "best_ask_amount": bestAskAmount = WireReader.NumberOrNone(ref reader); break;
                case "last_price": last = WireReader.NumberOrNone(ref reader); break;
                case "mark_price": mark = WireReader.NumberOrNone(ref reader); break;
                case "index_price": index = WireReader.NumberOrNone(ref reader); break;
                case "open_interest": openInterest = WireReader.NumberOrNone(ref reader); break;
                case "min_price": min = WireReader.NumberOrNone(ref reader); break;
                case "max_price": max = WireReader.NumberOrNone(ref reader); break;
                case "settlement_price": settlement = WireReader.NumberOrNone(ref reader); break;
                case "delivery_price": delivery = WireReader.NumberOrNone(ref reader); break;
                case "estimated_delivery_price": estimatedDelivery = WireReader.NumberOrNone(ref reader); break;
                case "current_funding": funding = WireReader.NumberOrNone(ref reader); break;
                case "funding_8h": funding8h = WireReader.NumberOrNone(ref reader); break;
                case "interest_value": interestValue = WireReader.NumberOrNone(ref reader); break;
                case "interest_rate": interestRate = WireReader.NumberOrNone(ref reader); break;
                case "mark_iv": markIv = WireReader.NumberOrNone(ref reader); break;
                case "bid_iv": bidIv = WireReader.NumberOrNone(ref reader); break;
                case "ask_iv": askIv = WireReader.NumberOrNone(ref reader); break;
                case "underlying_price": underlying = WireReader.NumberOrNone(ref reader); break;
                case "underlying_index": underlyingIndex = WireReader.Text(ref reader); break;
                case "greeks": greeks = ReadGreeks(ref reader); break;
                case "stats": stats = ReadStats(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new Ticker
        {
            Timestamp = timestamp,
            InstrumentName = name,
            State = state,
            BestBidPrice = bestBid,
            BestBidAmount = bestBidAmount,
            BestAskPrice = bestAsk,
            BestAskAmount = bestAskAmount,
            LastPrice = last,
            MarkPrice = mark,
            IndexPrice = index,
            OpenInterest = openInterest,
            MinPrice = min,
            MaxPrice = max,
            SettlementPrice = settlement,
            DeliveryPrice = delivery,
            EstimatedDeliveryPrice = estimatedDelivery,
            CurrentFunding = funding,
            Funding8h = funding8h,
            InterestValue = interestValue,
            InterestRate = interestRate,
            MarkIv = markIv,
            BidIv = bidIv,
            AskIv = askIv,
            UnderlyingPrice = underlying,
            UnderlyingIndex = underlyingIndex,
            Greeks = greeks,
            Stats = stats,
        };
    }

    private static Greeks? ReadGreeks(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        WireReader.Expect(ref reader, JsonTokenType.StartObject, "greeks");
        decimal? delta = null, gamma = null, vega = null, theta = null, rho = null;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "delta": delta = WireReader.NumberOrNone(ref reader); break;
                case "gamma": gamma = WireReader.NumberOrNone(ref reader); break;
                case "vega": vega = WireReader.NumberOrNone(ref reader); break;
                case "theta": theta = WireReader.NumberOrNone(ref reader); break;
                case "rho": rho = WireReader.NumberOrNone(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new Greeks { Delta = delta, Gamma = gamma, Vega = vega, Theta = theta, Rho = rho };
    }

    private static TickerStats ReadStats(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return TickerStats.None;
        }

        WireReader.Expect(ref reader, JsonTokenType.StartObject, "stats");
        decimal? volume = null, volumeUsd = null, high = null, low = null, change = null;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "volume": volume = WireReader.NumberOrNone(ref reader); break;
                case "volume_usd": volumeUsd = WireReader.NumberOrNone(ref reader); break;
                case "high": high = WireReader.NumberOrNone(ref reader); break;
                case "low": low = WireReader.NumberOrNone(ref reader); break;
                case "price_change": change = WireReader.NumberOrNone(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new TickerStats { Volume = volume, VolumeUsd = volumeUsd, High = high, Low = low, PriceChange = change };
    }
}
