using System.Text.Json.Serialization;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>An order as the exchange reports it (answers of the order methods and <c>user.orders.*</c> notifications).</summary>
public sealed record Order
{
    /// <summary>The exchange's order id.</summary>
    public string OrderId { get; init; } = string.Empty;

    /// <summary><c>open</c>, <c>filled</c>, <c>rejected</c>, <c>cancelled</c> or <c>untriggered</c>.</summary>
    public string OrderState { get; init; } = string.Empty;

    /// <summary><c>limit</c>, <c>market</c>, ...</summary>
    public string? OrderType { get; init; }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary><c>buy</c> or <c>sell</c>.</summary>
    public string Direction { get; init; } = string.Empty;

    /// <summary>The limit price (<see langword="null"/> for a market order the exchange reports as <c>market_price</c>).</summary>
    [JsonConverter(typeof(NumberOrNullConverter))]
    public decimal? Price { get; init; }

    /// <summary>The amount.</summary>
    public decimal Amount { get; init; }

    /// <summary>How much has been filled.</summary>
    public decimal FilledAmount { get; init; }

    /// <summary>The average fill price.</summary>
    public decimal? AveragePrice { get; init; }

    /// <summary>The label given when it was placed.</summary>
    public string? Label { get; init; }

    /// <summary>Why it was cancelled, when it was (e.g. <c>cancel_on_disconnect</c>).</summary>
    public string? CancelReason { get; init; }

    /// <summary>When it was placed, in milliseconds since the Unix epoch.</summary>
    public long CreationTimestamp { get; init; }

    /// <summary>When it last changed, in milliseconds since the Unix epoch.</summary>
    public long LastUpdateTimestamp { get; init; }

    /// <summary>Whether the order is still working on the book.</summary>
    public bool IsOpen => OrderState is "open" or "untriggered";
}
