using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Gives NATS.Net a <see cref="ReaderThreadConnection"/> for each connect.</summary>
internal sealed class ReaderThreadConnectionFactory : INatsSocketConnectionFactory
{
    private ReaderThreadConnectionFactory()
    {
    }

    /// <summary>
    /// The factory for plain TCP servers (<c>nats://</c>, or no scheme), or null so that NATS.Net keeps its own socket:
    /// a <c>tls://</c> or <c>ws(s)://</c> URL needs NATS.Net's TLS upgrade or WebSocket, which a bare socket does not offer.
    /// </summary>
    public static INatsSocketConnectionFactory? For(string natsUrls) =>
        natsUrls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsPlainTcp) ? new ReaderThreadConnectionFactory() : null;

    public ValueTask<INatsSocketConnection> ConnectAsync(Uri uri, NatsOpts opts, CancellationToken cancellationToken) =>
        ReaderThreadConnection.ConnectAsync(uri, cancellationToken);

    private static bool IsPlainTcp(string url) =>
        !url.Contains("://", StringComparison.Ordinal) || url.StartsWith("nats://", StringComparison.OrdinalIgnoreCase);
}
