namespace WebsockexAdapter.Rx.Deribit;

// The exchange's request and reply shapes that only the adapter sees. Names are the wire's, via the snake_case policy.

/// <summary><c>public/auth</c>'s parameters, for any of the three grants (unused members are left out).</summary>
internal sealed record AuthParams(string GrantType)
{
    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public long? Timestamp { get; init; }

    public string? Nonce { get; init; }

    public string? Data { get; init; }

    public string? Signature { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary>Never shows a secret, a signature or a token.</summary>
    public override string ToString() => $"AuthParams {{ GrantType = {GrantType}, ClientId = {ClientId} }}";
}

/// <summary><c>public/auth</c>'s result.</summary>
internal sealed record AuthResult
{
    public string AccessToken { get; init; } = string.Empty;

    public long ExpiresIn { get; init; }

    public string RefreshToken { get; init; } = string.Empty;

    public string? Scope { get; init; }

    /// <summary>Never shows a token.</summary>
    public override string ToString() => $"AuthResult {{ ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";
}

/// <summary><c>public/set_heartbeat</c>'s parameters (the interval in seconds).</summary>
internal sealed record HeartbeatParams(double Interval);

/// <summary><c>private/enable_cancel_on_disconnect</c>'s parameters.</summary>
internal sealed record CancelOnDisconnectParams(string Scope);

/// <summary>The subscribe and unsubscribe methods' parameters.</summary>
internal sealed record ChannelsParams(IReadOnlyList<string> Channels);

/// <summary><c>private/buy</c> and <c>private/sell</c>'s parameters.</summary>
internal sealed record OrderParams(string InstrumentName, decimal Amount, string Type)
{
    public decimal? Price { get; init; }

    public string? Label { get; init; }

    public bool? PostOnly { get; init; }

    public bool? ReduceOnly { get; init; }
}

/// <summary><c>private/cancel</c>'s parameters.</summary>
internal sealed record OrderIdParams(string OrderId);

/// <summary><c>private/edit</c>'s parameters.</summary>
internal sealed record EditParams(string OrderId, decimal Amount)
{
    public decimal? Price { get; init; }

    public bool? PostOnly { get; init; }

    public bool? ReduceOnly { get; init; }
}

/// <summary><c>private/get_positions</c>' parameters.</summary>
internal sealed record PositionsParams(string Currency)
{
    public string? Kind { get; init; }
}

/// <summary>Parameters naming one instrument.</summary>
internal sealed record InstrumentParams(string InstrumentName);
