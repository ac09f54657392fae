namespace WebsockexAdapter.Rx;

/// <summary>
/// WebSocket ping/pong keep-alive: a ping every <see cref="Interval"/>, and a dead connection when, after a ping, neither
/// its pong nor any other frame arrives for <see cref="PongTimeout"/>.
/// </summary>
public sealed record KeepAliveOptions
{
    /// <summary>The default value of <see cref="Interval"/>: 15 seconds.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    /// <summary>The default value of <see cref="PongTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultPongTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Keep-alive switched off.</summary>
    public static KeepAliveOptions Disabled { get; } = new() { Interval = Timeout.InfiniteTimeSpan };

    /// <summary>How often a ping is sent; <see cref="Timeout.InfiniteTimeSpan"/> turns keep-alive off. The default value is 15 seconds.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>
    /// How long the connection may go without the pong and without any other frame before it is declared dead: frames
    /// still arriving while the pong is late (behind a backlog in the socket) keep it alive. Noticed within a quarter of
    /// this after it passes. The default value is 10 seconds.
    /// </summary>
    public TimeSpan PongTimeout { get; init; } = DefaultPongTimeout;

    /// <summary>Whether pings are sent at all.</summary>
    public bool IsEnabled => Interval != Timeout.InfiniteTimeSpan;

    internal void AddErrors(List<string> errors, string prefix)
    {
        OptionRules.PositiveOrInfinite(errors, $"{prefix}.{nameof(Interval)}", Interval);
        OptionRules.Positive(errors, $"{prefix}.{nameof(PongTimeout)}", PongTimeout);
    }
}
