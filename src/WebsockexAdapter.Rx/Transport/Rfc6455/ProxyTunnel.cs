using System.Net;
using System.Text;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Opens a tunnel through an HTTP proxy (RFC 9110, section 9.3.6): <c>CONNECT host:port</c> on a TCP connection to the
/// proxy, with <c>Proxy-Authorization: Basic</c> when the proxy's credentials have a user name for it, and a 2xx
/// answer. Any other status is a <see cref="ProxyRejectedException"/>; an answer that is not HTTP/1.x, or a head over
/// <see cref="HttpHead.MaxSize"/>, is a <see cref="ProtocolViolationException"/>. From then on the connection
/// carries the server's bytes: any that came right after the proxy's answer stay in the buffer.
/// </summary>
internal static class ProxyTunnel
{
    private const string AnswerTo = "the proxy's answer to CONNECT";

    /// <param name="network">The TCP connection to the proxy.</param>
    /// <param name="buffer">The buffer <paramref name="network"/> is read into.</param>
    /// <param name="target">The ws:// or wss:// address the tunnel leads to.</param>
    /// <param name="proxy">The proxy's address (for its credentials and the errors).</param>
    /// <param name="credentials">The proxy's credentials, if any.</param>
    /// <param name="cancellationToken">The attempt's timeout.</param>
    public static async Task OpenAsync(Stream network, ReceiveBuffer buffer, Uri target, Uri proxy, ICredentials? credentials, CancellationToken cancellationToken)
    {
        await network.WriteAsync(Request(target, credentials?.GetCredential(proxy, "Basic")), cancellationToken).ConfigureAwait(false);
        await network.FlushAsync(cancellationToken).ConfigureAwait(false);
        var head = await HttpHead.ReadAsync(buffer, AnswerTo, cancellationToken).ConfigureAwait(false);
        var status = HttpHead.StatusCode(head) ?? throw new ProtocolViolationException($"{AnswerTo} is not HTTP/1.1");
        if (status is < 200 or > 299)
        {
            throw new ProxyRejectedException((HttpStatusCode)status, proxy);
        }
    }

    /// <summary>The CONNECT request for <paramref name="target"/>; the credential goes in no message but this one.</summary>
    public static byte[] Request(Uri target, NetworkCredential? credential)
    {
        var host = target.HostNameType == UriHostNameType.IPv6 ? $"[{target.IdnHost}]" : target.IdnHost;
        var authority = $"{host}:{target.Port}";
        var request = new StringBuilder()
            .Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(authority).Append("\r\n");
        if (!string.IsNullOrEmpty(credential?.UserName))
        {
            var user = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : $"{credential.Domain}\\{credential.UserName}";
            request.Append("Proxy-Authorization: Basic ")
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{credential.Password}")))
                .Append("\r\n");
        }

        request.Append("\r\n");
        return Encoding.ASCII.GetBytes(request.ToString());
    }
}
