namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>What the fake exchange answers a request with.</summary>
internal sealed record Answer(string? ResultJson, int ErrorCode = 0, string? ErrorMessage = null)
{
    public static Answer Result(string json) => new(json);

    public static Answer Error(int code, string message) => new(null, code, message);

    /// <summary>No answer at all: the call times out.</summary>
    public static Answer? None => null;

    public string ToJson(long id) => ResultJson is not null
        ? $$"""{"jsonrpc":"2.0","id":{{id}},"result":{{ResultJson}},"usIn":1,"usOut":2,"usDiff":1,"testnet":true}"""
        : $$$"""{"jsonrpc":"2.0","id":{{{id}}},"error":{"code":{{{ErrorCode}}},"message":"{{{ErrorMessage}}}"},"testnet":true}""";
}
