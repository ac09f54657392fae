namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>The exchange's error codes the simulator answers with.</summary>
internal static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int OrderNotFound = 10004;
    public const int TooManyRequests = 10028;
    public const int NotOpenOrder = 11044;
    public const int InvalidCredentials = 13004;
    public const int Unauthorized = 13009;
    public const int RawSubscriptionsNotAvailable = 13778;
}
