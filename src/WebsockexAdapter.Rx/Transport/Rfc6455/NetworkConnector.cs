using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Opens the byte stream under a WebSocket: TCP to a host (a name is resolved and every address it has, IPv6 or IPv4,
/// is tried in turn), then, for wss://, TLS with the server's host name as SNI. Certificates are checked by the system
/// unless the options bring their own check; a self-signed certificate is refused unless that check accepts it.
/// </summary>
internal static class NetworkConnector
{
    /// <param name="socket">An unconnected TCP socket; the stream returned owns it.</param>
    /// <param name="uri">The host and port to connect to: the server's, or the proxy's.</param>
    /// <param name="cancellationToken">Cancels the connect (the attempt's timeout).</param>
    public static async Task<NetworkStream> ConnectAsync(Socket socket, Uri uri, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost;
        EndPoint endpoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, uri.Port) : new DnsEndPoint(host, uri.Port);
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>TLS over <paramref name="network"/> (straight to the server, or through a proxy's tunnel).</summary>
    /// <param name="network">The connection; the stream returned owns it.</param>
    /// <param name="uri">The wss:// address: its host is the SNI and the name the certificate must carry.</param>
    /// <param name="validate">The certificate check; <see langword="null"/> for the system's.</param>
    /// <param name="cancellationToken">Cancels the TLS handshake (the attempt's timeout).</param>
    public static async Task<Stream> SecureAsync(Stream network, Uri uri, RemoteCertificateValidationCallback? validate, CancellationToken cancellationToken)
    {
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    // The name the certificate must carry, and the SNI (which the TLS stack leaves out for an IP address).
                    TargetHost = uri.IdnHost,
                    RemoteCertificateValidationCallback = validate,
                },
                cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
