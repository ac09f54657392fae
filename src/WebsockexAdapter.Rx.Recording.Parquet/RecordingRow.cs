using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace WebsockexAdapter.Rx.Recording.Parquet;

/// <summary>
/// One row of an exported recording: one recorded event. Received and sent frames carry their payload; channel
/// notifications their channel; book channels the top of the book after the message, ticker channels its prices.
/// Column names are snake_case, for SQL.
/// </summary>
public sealed class RecordingRow
{
    /// <summary>When it happened (UTC, microseconds).</summary>
    [JsonPropertyName("time")]
    [ParquetTimestamp(ParquetTimestampResolution.Microseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    public DateTime Time { get; set; }

    /// <summary>The connection attempt, from 0.</summary>
    [JsonPropertyName("connection")]
    public int Connection { get; set; }

    /// <summary>The connection epoch as an adapter counts it: 1 for the first connection that opened, one more for each after.</summary>
    [JsonPropertyName("epoch")]
    public int Epoch { get; set; }

    /// <summary>What happened: <c>received</c>, <c>sent</c>, <c>connect_started</c>, <c>connected</c>, <c>connect_failed</c>, <c>dropped</c>, <c>close_requested</c>, <c>aborted</c>, <c>released</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The channel of a subscription notification; <see langword="null"/> otherwise.</summary>
    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    /// <summary>The text of a text frame, or the address, error or close description of other events.</summary>
    [JsonPropertyName("payload")]
    public string? Payload { get; set; }

    /// <summary>Book channels: the best bid after this message.</summary>
    [JsonPropertyName("best_bid")]
    public double? BestBid { get; set; }

    /// <summary>Book channels: the amount at the best bid.</summary>
    [JsonPropertyName("best_bid_amount")]
    public double? BestBidAmount { get; set; }

    /// <summary>Book channels: the best ask after this message.</summary>
    [JsonPropertyName("best_ask")]
    public double? BestAsk { get; set; }

    /// <summary>Book channels: the amount at the best ask.</summary>
    [JsonPropertyName("best_ask_amount")]
    public double? BestAskAmount { get; set; }

    /// <summary>Ticker channels: the best bid price.</summary>
    [JsonPropertyName("ticker_best_bid")]
    public double? TickerBestBid { get; set; }

    /// <summary>Ticker channels: the best ask price.</summary>
    [JsonPropertyName("ticker_best_ask")]
    public double? TickerBestAsk { get; set; }

    /// <summary>Ticker channels: the last traded price.</summary>
    [JsonPropertyName("last_price")]
    public double? LastPrice { get; set; }

    /// <summary>Ticker channels: the mark price.</summary>
    [JsonPropertyName("mark_price")]
    public double? MarkPrice { get; set; }
}
