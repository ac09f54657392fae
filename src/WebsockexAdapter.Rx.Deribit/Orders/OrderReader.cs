using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Decodes an order, or an array of them, in one pass.</summary>
internal static class OrderReader
{
    /// <summary>One order, or each order of an array (the aggregated <c>user.orders</c> intervals send arrays).</summary>
    public static Order[] ReadOneOrMany(ReadOnlySpan<byte> utf8)
    {
        var reader = WireReader.Start(utf8);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var order = Read(ref reader);
            WireReader.End(ref reader);
            return [order];
        }

        var orders = new List<Order>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            orders.Add(Read(ref reader));
        }

        WireReader.End(ref reader);
        return [.. orders];
    }

    public static Order Read(ReadOnlySpan<byte> utf8)
    {
        var reader = WireReader.Start(utf8);
        var order = Read(ref reader);
        WireReader.End(ref reader);
        return order;
    }

    public static Order Read(ref Utf8JsonReader reader)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "An order");
        string orderId = string.Empty, state = string.Empty, instrument = string.Empty, direction = string.Empty;
        string? type = null, label = null, cancelReason = null, timeInForce = null, trigger = null;
        decimal amount = 0;
        decimal? price = null, filled = null, average = null, contracts = null, triggerPrice = null, maxShow = null,
            commission = null, profitLoss = null;
        bool? postOnly = null, reduceOnly = null, triggered = null, replaced = null, liquidation = null, api = null,
            web = null, mmp = null, riskReducing = null;
        long created = 0, updated = 0;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "order_id": orderId = WireReader.Text(ref reader) ?? string.Empty; break;
                case "order_state": state = WireReader.Text(ref reader) ?? string.Empty; break;
                case "order_type": type = WireReader.Text(ref reader); break;
                case "instrument_name": instrument = WireReader.Instrument(ref reader, null); break;
                case "direction": direction = WireReader.Text(ref reader) ?? string.Empty; break;
                case "price": price = WireReader.NumberOrNone(ref reader); break;
                case "amount": amount = WireReader.NumberOrNone(ref reader) ?? 0; break;
                case "filled_amount": filled = WireReader.NumberOrNone(ref reader); break;
                case "average_price": average = WireReader.NumberOrNone(ref reader); break;
                case "contracts": contracts = WireReader.NumberOrNone(ref reader); break;
                case "label": label = WireReader.Text(ref reader); break;
                case "cancel_reason": cancelReason = WireReader.Text(ref reader); break;
                case "creation_timestamp": created = WireReader.Integer(ref reader); break;
                case "last_update_timestamp": updated = WireReader.Integer(ref reader); break;
                case "time_in_force": timeInForce = WireReader.Text(ref reader); break;
                case "post_only": postOnly = WireReader.Flag(ref reader); break;
                case "reduce_only": reduceOnly = WireReader.Flag(ref reader); break;
                case "trigger": trigger = WireReader.Text(ref reader); break;
                case "trigger_price": triggerPrice = WireReader.NumberOrNone(ref reader); break;
                case "triggered": triggered = WireReader.Flag(ref reader); break;
                case "max_show": maxShow = WireReader.NumberOrNone(ref reader); break;
                case "commission": commission = WireReader.NumberOrNone(ref reader); break;
                case "profit_loss": profitLoss = WireReader.NumberOrNone(ref reader); break;
                case "replaced": replaced = WireReader.Flag(ref reader); break;
                case "is_liquidation": liquidation = WireReader.Flag(ref reader); break;
                case "api": api = WireReader.Flag(ref reader); break;
                case "web": web = WireReader.Flag(ref reader); break;
                case "mmp": mmp = WireReader.Flag(ref reader); break;
                case "risk_reducing": riskReducing = WireReader.Flag(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new Order
        {
            OrderId = orderId,
            OrderState = state,
            OrderType = type,
            InstrumentName = instrument,
            Direction = direction,
            Price = price,
            Amount = amount,
            FilledAmount = filled,
            AveragePrice = average,
            Contracts = contracts,
            Label = label,
            CancelReason = cancelReason,
            CreationTimestamp = created,
            LastUpdateTimestamp = updated,
            TimeInForce = timeInForce,
            PostOnly = postOnly,
            ReduceOnly = reduceOnly,
            Trigger = trigger,
            TriggerPrice = triggerPrice,
            Triggered = triggered,
            MaxShow = maxShow,
            Commission = commission,
            ProfitLoss = profitLoss,
            Replaced = replaced,
            IsLiquidation = liquidation,
            Api = api,
            Web = web,
            Mmp = mmp,
            RiskReducing = riskReducing,
        };
    }
}
