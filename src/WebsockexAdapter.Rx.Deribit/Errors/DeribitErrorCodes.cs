namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The exchange's error codes that change what a client does (branch on these, never on message text).</summary>
public static class DeribitErrorCodes
{
    /// <summary><c>too_many_requests</c>: back off; the exchange may end the session.</summary>
    public const int TooManyRequests = 10028;

    /// <summary><c>invalid_credentials</c>: stop, retrying cannot help.</summary>
    public const int InvalidCredentials = 13004;

    /// <summary><c>unauthorized</c> / <c>invalid_token</c>: authenticate again.</summary>
    public const int Unauthorized = 13009;

    /// <summary><c>raw_subscriptions_not_available_for_unauthorized</c>: authenticate first.</summary>
    public const int RawSubscriptionsNotAvailable = 13778;
}
