using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Reliability.Tests.Secrets;

/// <summary>Credentials never travel over unencrypted ws://, except to this machine.</summary>
public sealed class PlainTextCredentialsTest
{
    [Theory]
    [InlineData("ws://exchange.example/ws/api/v2", true, false)]
    [InlineData("ws://10.0.0.5:8080/ws/api/v2", true, false)]
    [InlineData("ws://127.0.0.1:8080/ws/api/v2", true, true)]
    [InlineData("ws://127.0.0.2:8080/ws/api/v2", true, true)]
    [InlineData("ws://localhost:8080/ws/api/v2", true, true)]
    [InlineData("ws://[::1]:8080/ws/api/v2", true, true)]
    [InlineData("wss://exchange.example/ws/api/v2", true, true)]
    [InlineData("ws://exchange.example/ws/api/v2", false, true)]
    public void CredentialsOverWs_AreRefusedExceptToLoopback(string url, bool withCredentials, bool accepted)
    {
        var options = new DeribitOptions
        {
            Url = new Uri(url),
            Credentials = withCredentials ? new DeribitCredentials { ClientId = "id", ClientSecret = "s3cret" } : null,
        };

        if (accepted)
        {
            Assert.Empty(options.Problems());
            using var adapter = new DeribitAdapter(options);
        }
        else
        {
            var refused = Assert.Throws<InvalidOptionsException>(() => new DeribitAdapter(options));
            Assert.Contains("refused over unencrypted ws://", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
        }
    }
}
