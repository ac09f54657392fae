namespace WebsockexAdapter.Rx.Gateway;

/// <summary>A channel the gateway carries: <c>{kind}.{instrument}.{interval}</c> with kind book, ticker or trades.</summary>
internal readonly record struct ChannelName(ChannelKind Kind, string Instrument, string Interval)
{
    public string Name => $"{KindText(Kind)}.{Instrument}.{Interval}";

    public static string Of(ChannelKind kind, string instrument, string interval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        ArgumentException.ThrowIfNullOrWhiteSpace(interval);
        var name = new ChannelName(kind, instrument, interval).Name;
        return TryParse(name, out _) ? name : throw new ArgumentException($"'{name}' is not a channel the gateway can carry: instrument and interval must be single NATS tokens.", nameof(instrument));
    }

    /// <summary>Reads a channel name; false for anything else, including names that would not be one NATS subject tail.</summary>
    public static bool TryParse(string? name, out ChannelName channel)
    {
        channel = default;
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return false;
        }

        var parts = name.Split('.');
        if (parts.Length != 3 || parts.Any(static p => p.Length == 0 || p.Any(static c => c is '*' or '>' || char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            return false;
        }

        ChannelKind? kind = parts[0] switch
        {
            "book" => ChannelKind.Book,
            "ticker" => ChannelKind.Ticker,
            "trades" => ChannelKind.Trades,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        channel = new ChannelName(kind.Value, parts[1], parts[2]);
        return true;
    }

    private static string KindText(ChannelKind kind) => kind switch
    {
        ChannelKind.Book => "book",
        ChannelKind.Ticker => "ticker",
        _ => "trades",
    };
}
