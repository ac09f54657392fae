namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>
/// An error reply: <c>code</c> and <c>message</c>, and a <c>data</c> object with <c>param</c> and <c>reason</c>
/// when either is known (the exchange's shape for invalid parameters).
/// </summary>
internal sealed record RpcError(int Code, string Message, string? Param = null, string? Reason = null)
{
    public static RpcError InvalidParam(string param, string reason) =>
        new(ErrorCodes.InvalidParams, "Invalid params", param, reason);

    public static RpcError Unauthorized(string reason) => new(ErrorCodes.Unauthorized, "unauthorized", Reason: reason);

    public static RpcError InvalidToken(string reason) => new(ErrorCodes.Unauthorized, "invalid_token", Reason: reason);

    public static RpcError InvalidCredentials() => new(ErrorCodes.InvalidCredentials, "invalid_credentials");

    public static RpcError TooManyRequests() => new(ErrorCodes.TooManyRequests, "too_many_requests");
}
