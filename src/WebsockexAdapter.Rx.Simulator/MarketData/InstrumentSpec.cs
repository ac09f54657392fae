namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>What the generator needs to know about an instrument: a reference price and the tick size.</summary>
internal sealed record InstrumentSpec(string Name, string Currency, decimal ReferencePrice, decimal TickSize)
{
    public static InstrumentSpec For(string name)
    {
        var currency = name.Split('-')[0];
        return currency switch
        {
            "BTC" => new InstrumentSpec(name, currency, 60_000m, 0.5m),
            "ETH" => new InstrumentSpec(name, currency, 3_000m, 0.05m),
            _ => new InstrumentSpec(name, currency, 100m, 0.01m),
        };
    }
}
