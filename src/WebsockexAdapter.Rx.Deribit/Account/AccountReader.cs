using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Decodes positions and portfolios in one pass.</summary>
internal static class AccountReader
{
    public static Position[] ReadPositions(ReadOnlySpan<byte> utf8)
    {
        var reader = WireReader.Start(utf8);
        WireReader.Expect(ref reader, JsonTokenType.StartArray, "private/get_positions' answer");
        var positions = new List<Position>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            positions.Add(ReadPosition(ref reader));
        }

        WireReader.End(ref reader);
        return [.. positions];
    }

    public static Position ReadPosition(ref Utf8JsonReader reader)
    {
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A position");
        string instrument = string.Empty, direction = string.Empty;
        string? kind = null;
        decimal? size = null, sizeCurrency = null, average = null, mark = null, index = null, liquidation = null,
            floating = null, realized = null, total = null, initial = null, maintenance = null, leverage = null,
            delta = null, gamma = null, vega = null, theta = null, settlement = null;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "instrument_name": instrument = WireReader.Instrument(ref reader, null); break;
                case "kind": kind = WireReader.Text(ref reader); break;
                case "direction": direction = WireReader.Text(ref reader) ?? string.Empty; break;
                case "size": size = WireReader.NumberOrNone(ref reader); break;
                case "size_currency": sizeCurrency = WireReader.NumberOrNone(ref reader); break;
                case "average_price": average = WireReader.NumberOrNone(ref reader); break;
                case "mark_price": mark = WireReader.NumberOrNone(ref reader); break;
                case "index_price": index = WireReader.NumberOrNone(ref reader); break;
                case "estimated_liquidation_price": liquidation = WireReader.NumberOrNone(ref reader); break;
                case "floating_profit_loss": floating = WireReader.NumberOrNone(ref reader); break;
                case "realized_profit_loss": realized = WireReader.NumberOrNone(ref reader); break;
                case "total_profit_loss": total = WireReader.NumberOrNone(ref reader); break;
                case "initial_margin": initial = WireReader.NumberOrNone(ref reader); break;
                case "maintenance_margin": maintenance = WireReader.NumberOrNone(ref reader); break;
                case "leverage": leverage = WireReader.NumberOrNone(ref reader); break;
                case "delta": delta = WireReader.NumberOrNone(ref reader); break;
                case "gamma": gamma = WireReader.NumberOrNone(ref reader); break;
                case "vega": vega = WireReader.NumberOrNone(ref reader); break;
                case "theta": theta = WireReader.NumberOrNone(ref reader); break;
                case "settlement_price": settlement = WireReader.NumberOrNone(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new Position
        {
            InstrumentName = instrument,
            Kind = kind,
            Direction = direction,
            Size = size,
            SizeCurrency = sizeCurrency,
            AveragePrice = average,
            MarkPrice = mark,
            IndexPrice = index,
            EstimatedLiquidationPrice = liquidation,
            FloatingProfitLoss = floating,
            RealizedProfitLoss = realized,
            TotalProfitLoss = total,
            InitialMargin = initial,
            MaintenanceMargin = maintenance,
            Leverage = leverage,
            Delta = delta,
            Gamma = gamma,
            Vega = vega,
            Theta = theta,
            SettlementPrice = settlement,
        };
    }

    public static Portfolio ReadPortfolio(ReadOnlySpan<byte> utf8)
    {
        var reader = WireReader.Start(utf8);
        WireReader.Expect(ref reader, JsonTokenType.StartObject, "A portfolio");
        string currency = string.Empty;
        decimal? balance = null, equity = null, available = null, withdrawable = null, marginBalance = null,
            initial = null, maintenance = null, totalPl = null, upl = null, rpl = null, futuresPl = null,
            optionsPl = null, deltaTotal = null, optionsDelta = null, optionsGamma = null, optionsVega = null,
            optionsTheta = null, feeBalance = null;
        Span<char> buffer = stackalloc char[WireReader.LongestName];
        while (WireReader.NextMember(ref reader, buffer, out var length))
        {
            switch (buffer[..length])
            {
                case "currency": currency = WireReader.Text(ref reader) ?? string.Empty; break;
                case "balance": balance = WireReader.NumberOrNone(ref reader); break;
                case "equity": equity = WireReader.NumberOrNone(ref reader); break;
                case "available_funds": available = WireReader.NumberOrNone(ref reader); break;
                case "available_withdrawal_funds": withdrawable = WireReader.NumberOrNone(ref reader); break;
                case "margin_balance": marginBalance = WireReader.NumberOrNone(ref reader); break;
                case "initial_margin": initial = WireReader.NumberOrNone(ref reader); break;
                case "maintenance_margin": maintenance = WireReader.NumberOrNone(ref reader); break;
                case "total_pl": totalPl = WireReader.NumberOrNone(ref reader); break;
                case "session_upl": upl = WireReader.NumberOrNone(ref reader); break;
                case "session_rpl": rpl = WireReader.NumberOrNone(ref reader); break;
                case "futures_pl": futuresPl = WireReader.NumberOrNone(ref reader); break;
                case "options_pl": optionsPl = WireReader.NumberOrNone(ref reader); break;
                case "delta_total": deltaTotal = WireReader.NumberOrNone(ref reader); break;
                case "options_delta": optionsDelta = WireReader.NumberOrNone(ref reader); break;
                case "options_gamma": optionsGamma = WireReader.NumberOrNone(ref reader); break;
                case "options_vega": optionsVega = WireReader.NumberOrNone(ref reader); break;
                case "options_theta": optionsTheta = WireReader.NumberOrNone(ref reader); break;
                case "fee_balance": feeBalance = WireReader.NumberOrNone(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        WireReader.End(ref reader);
        return new Portfolio
        {
            Currency = currency,
            Balance = balance,
            Equity = equity,
            AvailableFunds = available,
            AvailableWithdrawalFunds = withdrawable,
            MarginBalance = marginBalance,
            InitialMargin = initial,
            MaintenanceMargin = maintenance,
            TotalPl = totalPl,
            SessionUpl = upl,
            SessionRpl = rpl,
            FuturesPl = futuresPl,
            OptionsPl = optionsPl,
            DeltaTotal = deltaTotal,
            OptionsDelta = optionsDelta,
            OptionsGamma = optionsGamma,
            OptionsVega = optionsVega,
            OptionsTheta = optionsTheta,
            FeeBalance = feeBalance,
        };
    }
}
