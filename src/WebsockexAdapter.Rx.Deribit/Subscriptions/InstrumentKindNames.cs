namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The exchange's word for each <see cref="InstrumentKind"/>.</summary>
internal static class InstrumentKindNames
{
    public static string WireName(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Future => "future",
        InstrumentKind.Option => "option",
        InstrumentKind.Spot => "spot",
        InstrumentKind.FutureCombo => "future_combo",
        InstrumentKind.OptionCombo => "option_combo",
        InstrumentKind.Any => "any",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an instrument kind"),
    };
}
