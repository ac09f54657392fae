using System.Security.Authentication;

namespace WebsockexAdapter.Rx.Reliability.Tests.Retry;

/// <summary>Which errors the default retry policy gives up on, however deep they sit.</summary>
public sealed class TransientErrorsTest
{
    public static TheoryData<Exception, bool> Errors => new()
    {
        { new AuthenticationException("bad certificate"), false },
        { new UriFormatException("bad address"), false },
        { new ArgumentException("bad argument"), false },
        { new NotSupportedException("no"), false },
        { new IOException("wrapper", new AuthenticationException("deep")), false },
        { new IOException("reset"), true },
        { new TimeoutException(), true },
        { new InvalidOperationException("odd", new IOException("reset")), true },
        { new HandshakeRejectedException(System.Net.HttpStatusCode.Forbidden), false },
        { new ConnectionLostException("drop"), true },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsTransient_AnswersForEveryLevelOfTheError(Exception error, bool transient) =>
        Assert.Equal(transient, TransientErrors.IsTransient(error));

    [Fact]
    public void IsTransient_RefusesNull() => Assert.Throws<ArgumentNullException>(() => TransientErrors.IsTransient(null!));
}
