using System.Security.Cryptography;
using System.Text;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The client's opening handshake (RFC 6455, section 4.1): an HTTP/1.1 GET asking for an upgrade, with a fresh
/// random Sec-WebSocket-Key, the sub-protocols and the request headers of the options. No extension is offered.
/// </summary>
internal sealed class UpgradeRequest
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    // Headers the handshake itself decides; a request header of the same name would contradict it.
    private static readonly HashSet<string> HandshakeHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
    };

    private UpgradeRequest(byte[] bytes, string key, IReadOnlyList<string> subProtocols)
    {
        Bytes = bytes;
        ExpectedAccept = AcceptFor(key);
        SubProtocols = subProtocols;
    }

    /// <summary>The request, ready for the wire.</summary>
    public byte[] Bytes { get; }

    /// <summary>The Sec-WebSocket-Accept a server that read this key must answer with.</summary>
    public string ExpectedAccept { get; }

    public IReadOnlyList<string> SubProtocols { get; }

    /// <exception cref="ArgumentException">A request header or sub-protocol cannot be sent as it is.</exception>
    public static UpgradeRequest Create(Uri uri, IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> subProtocols)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        var request = new StringBuilder()
            .Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(host).Append(uri.IsDefaultPort ? "" : $":{uri.Port}").Append("\r\n")
            .Append("Upgrade: websocket\r\n")
            .Append("Connection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n");
        if (subProtocols.Count > 0)
        {
            foreach (var protocol in subProtocols)
            {
                if (!IsToken(protocol))
                {
                    throw new ArgumentException($"The sub-protocol '{protocol}' is not an HTTP token.", nameof(subProtocols));
                }
            }

            request.Append("Sec-WebSocket-Protocol: ").AppendJoin(", ", subProtocols).Append("\r\n");
        }

        foreach (var (name, value) in headers)
        {
            // The value is never quoted in the message: headers often carry credentials.
            if (!IsToken(name) || HandshakeHeaders.Contains(name))
            {
                throw new ArgumentException($"The request header '{name}' cannot be sent: it is not a header name, or the handshake sets it.", nameof(headers));
            }

            if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new ArgumentException($"The value of the request header '{name}' contains a line break.", nameof(headers));
            }

            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        request.Append("\r\n");

        // Latin-1 is HTTP/1.1's byte-for-byte header encoding; the URI part is already ASCII (escaped, IDN).
        return new UpgradeRequest(Encoding.Latin1.GetBytes(request.ToString()), key, subProtocols);
    }

    private static string AcceptFor(string key)
    {
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake checksum, not security.
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
    }

    /// <summary>An RFC 7230 token: visible ASCII except the separators.</summary>
    private static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => c is > ' ' and < '\x7F' && !"()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal));
}
