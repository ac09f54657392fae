using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>What one received frame turned out to be, after its single parse.</summary>
internal enum JsonRpcMessageKind
{
    Invalid,
    Result,
    Error,
    Notification,
}

/// <summary>
/// One frame, parsed once and classified: a reply (by id) carrying a result or an error, a notification (a method and
/// no id), or something this client cannot use (with the reason, for the log line). What is skipped and what ends
/// the connection is the policy in docs/hostile-input.md. (A session with a channel sink reads the usual channel
/// message with <see cref="NotificationShortcut"/> first, and only what that declines comes here.)
/// </summary>
internal readonly record struct JsonRpcMessage(JsonRpcMessageKind Kind, long Id, string? Method, JsonElement Body, string? Problem)
{
    /// <summary>How deep a frame may nest, counted from its root.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MaxDepth };

    public static JsonRpcMessage Read(Frame frame)
    {
        if (frame.Kind != FrameKind.Text)
        {
            return Invalid($"a {frame.Kind} frame where JSON text was expected");
        }

        JsonElement root;
        try
        {
            // Never disposed on purpose: the elements handed out (results, notification params) must stay valid for
            // as long as the consumer keeps them. The document reads the frame's own bytes, which the frame owns.
#pragma warning disable CA2000 // See above: the document's lifetime is the consumer's.
            root = JsonDocument.Parse(frame.Payload, ParseOptions).RootElement;
#pragma warning restore CA2000
        }
        catch (JsonException malformed)
        {
            return Invalid($"not valid JSON (line {malformed.LineNumber ?? 0}, byte {malformed.BytePositionInLine ?? 0})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"a JSON {root.ValueKind} where an object was expected");
        }

        var hasId = root.TryGetProperty("id"u8, out var id) && id.ValueKind != JsonValueKind.Null;
        if (root.TryGetProperty("method"u8, out var method) && method.ValueKind == JsonValueKind.String)
        {
            if (hasId)
            {
                return Invalid("a request from the server, which this client does not serve");
            }

            root.TryGetProperty("params"u8, out var parameters);
            return new JsonRpcMessage(JsonRpcMessageKind.Notification, 0, MethodName(method), parameters, null);
        }

        if (!hasId)
        {
            return Invalid("neither a reply (no id) nor a notification (no method)");
        }

        if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var number))
        {
            // This client only sends integer ids, so a reply with any other id answers nothing of ours.
            return Invalid("a reply whose id this client never sent");
        }

        if (root.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return new JsonRpcMessage(JsonRpcMessageKind.Error, number, null, error, null);
        }

        if (root.TryGetProperty("result"u8, out var result))
        {
            return new JsonRpcMessage(JsonRpcMessageKind.Result, number, null, result, null);
        }

        return Invalid($"a reply to id {number} with neither result nor error") with { Id = number };
    }

    /// <summary>The method's name; the two an exchange sends all the time are not made again for every message.</summary>
    private static string MethodName(JsonElement method) =>
        method.ValueEquals("subscription"u8) ? "subscription"
        : method.ValueEquals("heartbeat"u8) ? "heartbeat"
        : method.GetString()!;

    /// <summary>The same, for the string token <paramref name="reader"/> is on.</summary>
    internal static string MethodName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("subscription"u8) ? "subscription"
        : reader.ValueTextEquals("heartbeat"u8) ? "heartbeat"
        : reader.GetString()!;

    private static JsonRpcMessage Invalid(string problem) => new(JsonRpcMessageKind.Invalid, 0, null, default, problem);
}
