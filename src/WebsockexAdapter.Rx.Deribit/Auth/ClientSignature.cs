using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The <c>client_signature</c> grant's proof: lowercase hex of HMAC-SHA256 keyed by the secret over
/// <c>timestamp + "\n" + nonce + "\n" + data</c>. The secret itself never leaves the process.
/// </summary>
internal static class ClientSignature
{
    public static AuthParams Create(DeribitCredentials credentials, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        const string data = "";
        return new AuthParams("client_signature")
        {
            ClientId = credentials.ClientId,
            Timestamp = timestamp,
            Nonce = nonce,
            Data = data,
            Signature = Sign(credentials.ClientSecret, timestamp, nonce, data),
        };
    }

    public static string Sign(string secret, long timestamp, string nonce, string data)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"{timestamp}\n{nonce}\n{data}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
    }
}
