namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Which of a model's numbers the exchange sent, one bit each, beside the numbers kept as plain decimals: a
/// <see langword="decimal"/>? field takes 24 bytes (the value and its flag, padded to 8), a decimal 16, so a ticker's 21
/// numbers took 504 of its 568 bytes and take 340 this way. Equal when the same bits are set, so a record that holds one
/// still compares by value.
/// </summary>
internal struct NumbersSent : IEquatable<NumbersSent>
{
    private int _bits;

    /// <summary>The number kept at <paramref name="bit"/>, if it was sent.</summary>
    public readonly decimal? Get(int bit, decimal kept) => (_bits & (1 << bit)) != 0 ? kept : null;

    /// <summary>Notes whether <paramref name="value"/> is a number, and returns what its field keeps (0 for none).</summary>
    public decimal Keep(int bit, decimal? value)
    {
        _bits = value.HasValue ? _bits | (1 << bit) : _bits & ~(1 << bit);
        return value.GetValueOrDefault();
    }

    public readonly bool Equals(NumbersSent other) => _bits == other._bits;

    public override readonly bool Equals(object? obj) => obj is NumbersSent other && Equals(other);

    public override readonly int GetHashCode() => _bits;
}
