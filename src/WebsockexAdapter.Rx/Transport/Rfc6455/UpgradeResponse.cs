using System.Net;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The server's answer to the opening handshake (RFC 6455, section 4.2.2), read up to its blank line and checked:
/// any status but 101 is a <see cref="HandshakeRejectedException"/>; a 101 must say Upgrade: websocket and
/// Connection: Upgrade, carry the Sec-WebSocket-Accept of our key, choose no extension (none was offered) and at most
/// one of the sub-protocols offered. Anything else, or a head larger than <see cref="HttpHead.MaxSize"/>, is a
/// <see cref="ProtocolViolationException"/>. Bytes after the blank line are frames, and stay in the buffer.
/// </summary>
internal static class UpgradeResponse
{
    /// <summary>Reads and checks the answer; returns the sub-protocol the server chose, if any.</summary>
    public static async ValueTask<string?> ReadAsync(ReceiveBuffer buffer, UpgradeRequest request, CancellationToken cancellationToken) =>
        Check(await HttpHead.ReadAsync(buffer, "the server's answer to the upgrade", cancellationToken).ConfigureAwait(false), request);

    /// <summary>Checks a whole head (status line, headers, blank line); returns the chosen sub-protocol.</summary>
    public static string? Check(string head, UpgradeRequest request)
    {
        var lines = head.Split("\r\n");
        if (HttpHead.StatusCode(head) is not { } code)
        {
            throw Refused("its status line is not HTTP/1.1");
        }

        if (code != (int)HttpStatusCode.SwitchingProtocols)
        {
            throw new HandshakeRejectedException((HttpStatusCode)code);
        }

        var headers = Headers(lines.AsSpan(1));
        if (!string.Equals(headers.GetValueOrDefault("Upgrade")?.Trim(), "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused("it does not say Upgrade: websocket");
        }

        if (!Tokens(headers.GetValueOrDefault("Connection")).Contains("upgrade", StringComparer.OrdinalIgnoreCase))
        {
            throw Refused("it does not say Connection: Upgrade");
        }

        if (headers.GetValueOrDefault("Sec-WebSocket-Accept")?.Trim() != request.ExpectedAccept)
        {
            throw Refused("its Sec-WebSocket-Accept does not match the key sent");
        }

        if (Tokens(headers.GetValueOrDefault("Sec-WebSocket-Extensions")).Length > 0)
        {
            throw Refused("it chose an extension, and none was offered");
        }

        var chosen = Tokens(headers.GetValueOrDefault("Sec-WebSocket-Protocol"));
        if (chosen.Length == 0)
        {
            return null;
        }

        if (chosen.Length > 1 || !request.SubProtocols.Contains(chosen[0], StringComparer.OrdinalIgnoreCase))
        {
            throw Refused($"it chose the sub-protocol '{string.Join(", ", chosen)}', which was not offered");
        }

        return chosen[0];
    }

    private static Dictionary<string, string> Headers(ReadOnlySpan<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Refused("a header line has no name");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();

            // Repeated headers are one comma-separated list (RFC 7230, section 3.2.2).
            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }

        return headers;
    }

    private static string[] Tokens(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static ProtocolViolationException Refused(string problem) =>
        new($"the server's answer to the upgrade is not a valid WebSocket upgrade: {problem}");
}
