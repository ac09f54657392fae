namespace WebsockexAdapter.Rx.Deribit;

/// <summary>An API key. <see cref="ToString"/> never shows the secret.</summary>
public sealed class DeribitCredentials
{
    /// <summary>The default value of <see cref="Method"/>: <see cref="AuthMethod.ClientSignature"/>, so the secret never travels.</summary>
    public const AuthMethod DefaultMethod = AuthMethod.ClientSignature;

    /// <summary>The API key's client id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The API key's client secret.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>How to authenticate. The default value is <see cref="AuthMethod.ClientSignature"/>.</summary>
    public AuthMethod Method { get; set; } = DefaultMethod;

    /// <summary>The client id and method; the secret is redacted.</summary>
    public override string ToString() => $"DeribitCredentials {{ ClientId = {ClientId}, ClientSecret = ***, Method = {Method} }}";
}
