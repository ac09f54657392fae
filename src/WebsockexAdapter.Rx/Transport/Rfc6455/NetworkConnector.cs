using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Opens the byte stream under a WebSocket: TCP to the address's host (a name is resolved and every address it has,
/// IPv6 or IPv4, is tried in turn), then TLS for wss:// with the host name as SNI. Certificates are checked by the
/// system unless the options bring their own check; a self-signed certificate is refused unless that check accepts it.
/// </summary>
internal static class NetworkConnector
{
    /// <param name="socket">An unconnected TCP socket; the stream returned owns it.</param>
    /// <param name="uri">The ws:// or wss:// address.</param>
    /// <param name="validate">The certificate check; <see langword="null"/> for the system's.</param>
    /// <param name="cancellationToken">Cancels the connect and the TLS handshake (the attempt's timeout).</param>
    public static async Task<Stream> ConnectAsync(Socket socket, Uri uri, RemoteCertificateValidationCallback? validate, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost;
        EndPoint endpoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, uri.Port) : new DnsEndPoint(host, uri.Port);
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var network = new NetworkStream(socket, ownsSocket: true);
        if (uri.Scheme != "wss")
        {
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    // The name the certificate must carry, and the SNI (which the TLS stack leaves out for an IP address).
                    TargetHost = host,
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
