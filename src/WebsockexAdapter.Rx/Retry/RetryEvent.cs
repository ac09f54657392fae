namespace WebsockexAdapter.Rx;

/// <summary>What <c>RetryWithBackoff</c> reports each time it schedules another subscription.</summary>
/// <param name="Attempt">The retry number, 1 for the first retry after a failure.</param>
/// <param name="Delay">How long until the retry.</param>
/// <param name="Error">The failure being retried.</param>
/// <param name="CircuitOpen">Whether the delay was stretched because the circuit breaker is open.</param>
public readonly record struct RetryEvent(int Attempt, TimeSpan Delay, Exception Error, bool CircuitOpen);
