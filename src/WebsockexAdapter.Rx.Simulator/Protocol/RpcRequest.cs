using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>
/// One parsed request. The <c>id</c> is kept as its raw JSON so the reply echoes it exactly as given (integer or
/// string). <see cref="Params"/> lives as long as the request: handlers read it synchronously and keep nothing.
/// </summary>
internal sealed class RpcRequest : IDisposable
{
    private readonly JsonDocument _document;

    private RpcRequest(JsonDocument document, string? idJson, string method, JsonElement parameters)
    {
        _document = document;
        IdJson = idJson;
        Method = method;
        Params = parameters;
    }

    /// <summary>The raw JSON of the id, or null when the request has none (a notification: no reply).</summary>
    public string? IdJson { get; }

    public string Method { get; }

    /// <summary>The params object, or an undefined element when absent.</summary>
    public JsonElement Params { get; }

    /// <summary>Parses one text frame; on failure returns the error to answer and the id if one could be read.</summary>
    public static RpcRequest? TryParse(ReadOnlyMemory<byte> utf8, out RpcError? error, out string? idJson)
    {
        error = null;
        idJson = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            error = new RpcError(ErrorCodes.ParseError, "Parse error");
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            error = new RpcError(ErrorCodes.InvalidRequest, "Invalid Request", Reason: "a request is a JSON object");
            return null;
        }

        if (root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            idJson = id.GetRawText();
        }

        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() is not { Length: > 0 } name)
        {
            document.Dispose();
            error = new RpcError(ErrorCodes.InvalidRequest, "Invalid Request", "method", "missing or not a string");
            return null;
        }

        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
        {
            document.Dispose();
            error = RpcError.InvalidParam("params", "must be an object");
            return null;
        }

        return new RpcRequest(document, idJson, name, parameters);
    }

    public void Dispose() => _document.Dispose();
}
