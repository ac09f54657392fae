using System.Collections.Concurrent;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// Every secret that crossed the wire: access and refresh tokens from the exchange's <c>public/auth</c> replies,
/// signatures and refresh tokens from the client's <c>public/auth</c> requests, plus the client secret itself. A secret
/// is recorded before the client sees the frame that carries it, so any log line about it comes later.
/// </summary>
internal sealed class WireSecrets
{
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public WireSecrets(params string[] known)
    {
        foreach (var secret in known)
        {
            _secrets[secret] = "configured secret";
        }
    }

    public int Count => _secrets.Count;

    public void Add(string secret, string kind) => _secrets.TryAdd(secret, kind);

    public int CountOf(string kind) => _secrets.Values.Count(v => v == kind);

    /// <summary>The first secret found in <paramref name="text"/>, as "kind", or null.</summary>
    public string? FindIn(string text)
    {
        foreach (var (secret, kind) in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    public void Inspect(Frame frame)
    {
        if (frame.Kind != FrameKind.Text || frame.Payload.Length == 0 || frame.Payload.Span.IndexOf("auth"u8) < 0 && frame.Payload.Span.IndexOf("token"u8) < 0)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(frame.Payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
            {
                Add(result, "access_token");
                Add(result, "refresh_token");
            }

            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                Add(parameters, "signature");
                Add(parameters, "refresh_token");
                Add(parameters, "client_secret");
                Add(parameters, "access_token");
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing secret the exchange could have sent in it.
        }
    }

    private void Add(JsonElement container, string name)
    {
        if (container.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: >= 8 } secret)
        {
            _secrets.TryAdd(secret, name);
        }
    }
}
