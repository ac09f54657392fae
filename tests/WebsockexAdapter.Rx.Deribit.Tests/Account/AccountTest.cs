using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Account;

public sealed class AccountTest : AdapterTest
{
    [Fact]
    public void GetPositionsAsync_AsksByCurrencyAndKind_AndDecodesEachPosition()
    {
        var adapter = LiveAdapter();
        Exchange.Handlers["private/get_positions"] = _ => Answer.Result("""[{"vega":0.0,"total_profit_loss":0.000102,"size_currency":0.0010266,"size":100.0,"settlement_price":97000.1,"realized_profit_loss":0.0,"open_orders_margin":0.0,"mark_price":97410.5,"maintenance_margin":0.00000513,"leverage":50,"kind":"future","instrument_name":"BTC-PERPETUAL","initial_margin":0.0000205,"index_price":97400.2,"floating_profit_loss":0.000102,"estimated_liquidation_price":"undefined","direction":"buy","delta":0.0010266,"average_price":96500.0}]""");

        Task<IReadOnlyList<Position>>? positions = null;
        Now(() => positions = adapter.GetPositionsAsync("BTC", InstrumentKind.Future));
        Advance(10);

        var sent = Exchange.CallsOf("private/get_positions").Single();
        Assert.Equal(("BTC", "future"), (sent.Text("currency"), sent.Text("kind")));
        var position = Assert.Single(Completed(positions!));
        Assert.Equal(("BTC-PERPETUAL", "future", "buy"), (position.InstrumentName, position.Kind, position.Direction));
        Assert.Equal((100.0m, 0.0010266m, 96500.0m, 50m), (position.Size, position.SizeCurrency, position.AveragePrice, position.Leverage));
        Assert.Null(position.EstimatedLiquidationPrice);
        Assert.Equal((0.000102m, 0.0m, 0.000102m), (position.FloatingProfitLoss, position.RealizedProfitLoss, position.TotalProfitLoss));
    }

    [Fact]
    public void SubscribePortfolio_DecodesTheAccountSummary()
    {
        var adapter = Adapter();
        var portfolios = new List<Portfolio>();
        Keep(adapter.SubscribePortfolio("btc").Subscribe(m => portfolios.Add(m.Data)));
        Advance(10);

        Now(() => Exchange.Notify("user.portfolio.btc", """{"total_pl":0.00000425,"session_upl":0.00000425,"session_rpl":-2.6e-7,"options_vega":0.0,"options_theta":0.0,"options_pl":0.0,"options_gamma":0.0,"options_delta":0.0,"margin_balance":10.00001,"maintenance_margin":0.00000513,"initial_margin":0.0000205,"futures_pl":0.00000425,"fee_balance":0.0,"equity":10.00001,"delta_total":0.0010266,"currency":"BTC","balance":10.0,"available_withdrawal_funds":9.99997,"available_funds":9.99998}"""));

        Assert.Equal(["user.portfolio.btc"], Assert.Single(Exchange.CallsOf("private/subscribe")).Channels);
        var portfolio = Assert.Single(portfolios);
        Assert.Equal(("BTC", 10.0m, 10.00001m, 9.99998m), (portfolio.Currency, portfolio.Balance, portfolio.Equity, portfolio.AvailableFunds));
        Assert.Equal((-0.00000026m, 0.0010266m, 0.0000205m), (portfolio.SessionRpl, portfolio.DeltaTotal, portfolio.InitialMargin));
    }
}
