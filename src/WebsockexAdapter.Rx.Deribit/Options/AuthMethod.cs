namespace WebsockexAdapter.Rx.Deribit;

/// <summary>How <c>public/auth</c> proves who the client is.</summary>
public enum AuthMethod
{
    /// <summary><c>client_credentials</c>: the secret is sent (over TLS) and checked by the exchange.</summary>
    ClientCredentials,

    /// <summary><c>client_signature</c>: an HMAC-SHA256 signature of a timestamp and nonce; the secret never travels.</summary>
    ClientSignature,
}
