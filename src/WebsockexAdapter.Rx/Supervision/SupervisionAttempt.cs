namespace WebsockexAdapter.Rx;

/// <summary>A connection attempt <c>Supervise</c> is about to make.</summary>
/// <param name="Attempt">1 for the first attempt of a series, one more for each retry since.</param>
/// <param name="Epoch">The epoch the connection will have if the attempt gets through.</param>
public readonly record struct SupervisionAttempt(int Attempt, int Epoch);
