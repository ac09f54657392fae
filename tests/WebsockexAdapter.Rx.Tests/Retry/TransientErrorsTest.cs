using System.Net;
using System.Net.WebSockets;
using System.Security.Authentication;

namespace WebsockexAdapter.Rx.Tests.Retry;

public sealed class TransientErrorsTest
{
    public static TheoryData<Exception> Fatal =>
    [
        new HandshakeRejectedException(HttpStatusCode.Unauthorized),
        new HandshakeRejectedException(HttpStatusCode.Forbidden),
        new HandshakeRejectedException(HttpStatusCode.NotFound),
        new ConnectFailedException(new Uri("wss://exchange.test/"), new AuthenticationException("certificate rejected")),
        new ConnectFailedException(new Uri("wss://exchange.test/"), new WebSocketException("TLS", new AuthenticationException("certificate rejected"))),
        new UriFormatException("bad address"),
        new ArgumentException("bad argument"),
    ];

    public static TheoryData<Exception> Transient =>
    [
        new HandshakeRejectedException(HttpStatusCode.ServiceUnavailable),
        new HandshakeRejectedException(HttpStatusCode.RequestTimeout),
        new HandshakeRejectedException(HttpStatusCode.TooManyRequests),
        new ConnectFailedException(new Uri("wss://exchange.test/"), new WebSocketException(WebSocketError.Faulted, "refused")),
        new ConnectionLostException("reset"),
        new ConnectionClosedException(WebSocketCloseStatus.InternalServerError, "restart"),
        new ConnectTimeoutException(TimeSpan.FromSeconds(10)),
        new KeepAliveTimeoutException(TimeSpan.FromSeconds(10)),
        new IdleTimeoutException(TimeSpan.FromSeconds(30)),
        new MessageTooLargeException(5_000_000, 4_194_304),
        new TimeoutException(),
    ];

    [Theory]
    [MemberData(nameof(Fatal))]
    public void IsTransient_NoRetryCanFixIt_IsFalse(Exception error) => Assert.False(TransientErrors.IsTransient(error));

    [Theory]
    [MemberData(nameof(Transient))]
    public void IsTransient_ARetryMayHelp_IsTrue(Exception error) => Assert.True(TransientErrors.IsTransient(error));
}
