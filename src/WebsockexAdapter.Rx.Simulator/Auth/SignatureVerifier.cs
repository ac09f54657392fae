using System.Security.Cryptography;
using System.Text;

namespace WebsockexAdapter.Rx.Simulator.Auth;

/// <summary>
/// The <c>client_signature</c> grant's check: lowercase hex of HMAC-SHA256(key = secret,
/// message = timestamp + "\n" + nonce + "\n" + data).
/// </summary>
internal static class SignatureVerifier
{
    public static string Sign(string secret, long timestamp, string nonce, string data)
    {
        var message = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{data}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static bool Verify(string secret, long timestamp, string nonce, string data, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, nonce, data));
        var actual = Encoding.ASCII.GetBytes(signature);

        // Constant time, like a real server: the comparison must not leak how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
