using System.Net;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Which HTTP proxy, if any, a ws:// or wss:// address is reached through, decided as <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// decides it: the <see cref="IWebProxy"/> (<see cref="ClientOptions.Proxy"/>, or <see cref="HttpClient.DefaultProxy"/>,
/// which reads HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY) is asked about the address with
/// ws mapped to http and wss to https, since that is what its rules are written for.
/// </summary>
internal static class ProxySelection
{
    /// <summary>The proxy's address, or <see langword="null"/> to connect straight to the host.</summary>
    /// <param name="target">The ws:// or wss:// address.</param>
    /// <param name="proxy">The options' proxy, or the default one.</param>
    /// <exception cref="NotSupportedException">The proxy is not an http:// one (https:// or SOCKS).</exception>
    public static Uri? For(Uri target, IWebProxy proxy)
    {
        var lookup = new UriBuilder(target) { Scheme = target.Scheme == "wss" ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Port = target.Port }.Uri;
        if (proxy.IsBypassed(lookup))
        {
            return null;
        }

        // A proxy that has no address for this host answers with the host itself.
        var address = proxy.GetProxy(lookup);
        if (address is null || address == lookup)
        {
            return null;
        }

        if (address.Scheme != Uri.UriSchemeHttp)
        {
            throw new NotSupportedException(
                $"The proxy {LogSafe.Endpoint(address)} is not an http:// proxy, which is all the default transport speaks to; use ClientWebSocketTransportFactory.");
        }

        return address;
    }
}
