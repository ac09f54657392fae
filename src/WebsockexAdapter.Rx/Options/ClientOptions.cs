using System.Net;
using System.Net.Security;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx;

/// <summary>Everything a <see cref="WebSocketClient"/> needs besides its URL. Checked once, when the client is built.</summary>
public sealed record ClientOptions
{
    /// <summary>The default value of <see cref="ReconnectOnError"/>: <see langword="true"/>.</summary>
    public const bool DefaultReconnectOnError = true;

    /// <summary>The default value of <see cref="ConnectTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default value of <see cref="IdleTimeout"/>: off (<see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public static readonly TimeSpan DefaultIdleTimeout = Timeout.InfiniteTimeSpan;

    /// <summary>The default value of <see cref="CloseTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultCloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default value of <see cref="MaxMessageSize"/>: 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>The default value of <see cref="ReceiveBufferSize"/>: 16 KiB.</summary>
    public const int DefaultReceiveBufferSize = 16 * 1024;

    /// <summary>
    /// Whether the client reconnects by itself after a failed or dropped connection. Turn it off when something above
    /// the client (an exchange adapter) owns recovery. The default value is <see langword="true"/>.
    /// </summary>
    public bool ReconnectOnError { get; init; } = DefaultReconnectOnError;

    /// <summary>The delays between attempts when <see cref="ReconnectOnError"/> is on. The default value is a <see cref="BackoffOptions"/> with its defaults.</summary>
    public BackoffOptions Backoff { get; init; } = new();

    /// <summary>How long the opening handshake may take. The default value is 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>WebSocket ping/pong keep-alive. The default value is a ping every 15 s and a pong within 10 s.</summary>
    public KeepAliveOptions KeepAlive { get; init; } = new();

    /// <summary>
    /// No frame at all for this long means the connection is dead; <see cref="Timeout.InfiniteTimeSpan"/> turns the check off.
    /// The default value is off.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>How long a local close waits for the server's close frame before the socket is aborted. The default value is 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; init; } = DefaultCloseTimeout;

    /// <summary>The largest message accepted, in bytes; a larger one fails the connection with <see cref="MessageTooLargeException"/>. The default value is 4 MiB.</summary>
    public int MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>
    /// The size of the pooled buffer each socket receives into. The RFC 6455 transport reads at least 64 KiB at a time
    /// (the buffer is held only while data is waiting). The default value is 16 KiB.
    /// </summary>
    public int ReceiveBufferSize { get; init; } = DefaultReceiveBufferSize;

    /// <summary>Headers added to the opening handshake. The default value is none.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>Sub-protocols offered in the opening handshake. The default value is none.</summary>
    public IReadOnlyList<string> SubProtocols { get; init; } = [];

    /// <summary>
    /// Decides whether a server certificate is trusted. The default value is <see langword="null"/>: the system's
    /// validation, which refuses self-signed certificates. Set it only to accept a certificate you know.
    /// </summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidation { get; init; }

    /// <summary>
    /// The HTTP proxy to connect through. The default value is <see langword="null"/>: <see cref="HttpClient.DefaultProxy"/>,
    /// as <see cref="System.Net.WebSockets.ClientWebSocket"/> does: HTTPS_PROXY for wss://, HTTP_PROXY for ws://,
    /// ALL_PROXY otherwise, and the hosts of NO_PROXY go direct (the system proxy on Windows and macOS). To connect
    /// straight to the host whatever the environment says, set <c>new WebProxy()</c>: a proxy with no address bypasses
    /// every host. The default transport opens a tunnel with CONNECT through an http:// proxy (never an https:// or
    /// SOCKS one), sending <c>Proxy-Authorization: Basic</c> when the proxy's <see cref="IWebProxy.Credentials"/> have a
    /// user name for it; a refusal is a <see cref="ProxyRejectedException"/>.
    /// </summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>
    /// Creates one socket per attempt. The default value is <see cref="Rfc6455TransportFactory"/>, the library's own
    /// RFC 6455 client; <see cref="ClientWebSocketTransportFactory"/> is the one over
    /// <see cref="System.Net.WebSockets.ClientWebSocket"/>.
    /// </summary>
    public IWebSocketTransportFactory TransportFactory { get; init; } = Rfc6455TransportFactory.Instance;

    /// <summary>Every delay and timeout runs on this scheduler; tests pass a virtual-time one. The default value is <see cref="DefaultScheduler.Instance"/>.</summary>
    public IScheduler Scheduler { get; init; } = DefaultScheduler.Instance;

    /// <summary>Where log lines go. The default value is <see cref="NullLoggerFactory.Instance"/>.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Checks every rule and throws one <see cref="InvalidOptionsException"/> listing all that are broken.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        OptionRules.NotNull(errors, nameof(Backoff), Backoff);
        OptionRules.NotNull(errors, nameof(KeepAlive), KeepAlive);
        OptionRules.NotNull(errors, nameof(RequestHeaders), RequestHeaders);
        OptionRules.NotNull(errors, nameof(SubProtocols), SubProtocols);
        OptionRules.NotNull(errors, nameof(TransportFactory), TransportFactory);
        OptionRules.NotNull(errors, nameof(Scheduler), Scheduler);
        OptionRules.NotNull(errors, nameof(LoggerFactory), LoggerFactory);
        Backoff?.AddErrors(errors, nameof(Backoff));
        KeepAlive?.AddErrors(errors, nameof(KeepAlive));
        OptionRules.Positive(errors, nameof(ConnectTimeout), ConnectTimeout);
        OptionRules.PositiveOrInfinite(errors, nameof(IdleTimeout), IdleTimeout);
        OptionRules.Positive(errors, nameof(CloseTimeout), CloseTimeout);
        OptionRules.InRange(errors, nameof(MaxMessageSize), MaxMessageSize, 1, int.MaxValue);
        OptionRules.InRange(errors, nameof(ReceiveBufferSize), ReceiveBufferSize, 256, 16 * 1024 * 1024);
        AddHeaderErrors(errors);
        if (SubProtocols?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add($"{nameof(SubProtocols)} must not contain an empty name.");
        }

        InvalidOptionsException.ThrowIfAny(nameof(ClientOptions), errors);
    }

    private void AddHeaderErrors(List<string> errors)
    {
        if (RequestHeaders is null)
        {
            return;
        }

        foreach (var (name, value) in RequestHeaders)
        {
            // The value is never quoted: headers often carry credentials.
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{nameof(RequestHeaders)} must not contain a header with an empty name.");
            }
            else if (value is null)
            {
                errors.Add($"{nameof(RequestHeaders)}[\"{name}\"] needs a value.");
            }
        }
    }
}
