using System.Text.Json;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>A JSON-RPC request as sent. <see cref="Redacted"/>: its params held a secret, so a replay matches it by method alone.</summary>
internal readonly record struct RecordedRequest(long Id, string Method, JsonElement Params, bool Redacted)
{
    /// <summary>Whether <paramref name="sent"/> (from the replayed client) asks what this recorded request asked.</summary>
    public bool Matches(in RecordedRequest sent) =>
        string.Equals(Method, sent.Method, StringComparison.Ordinal)
        && (Redacted || (Params.ValueKind == JsonValueKind.Undefined
            ? sent.Params.ValueKind == JsonValueKind.Undefined
            : sent.Params.ValueKind != JsonValueKind.Undefined && JsonElement.DeepEquals(Params, sent.Params)));
}
