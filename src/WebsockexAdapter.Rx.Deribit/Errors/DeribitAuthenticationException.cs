using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The exchange refused the credentials. Retrying cannot help, so the adapter stops (<see cref="AdapterStatus.Faulted"/>)
/// and every stream errors with this exception. The message names the client id and the exchange's code, never the secret.
/// </summary>
public sealed class DeribitAuthenticationException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="clientId">The client id that was refused.</param>
    /// <param name="refusal">The exchange's error reply.</param>
    public DeribitAuthenticationException(string clientId, JsonRpcException refusal)
        : base($"The exchange refused the credentials of client id '{clientId}' ({refusal.Code} {refusal.ErrorMessage}); fix them and subscribe again.", refusal)
    {
        ClientId = clientId;
        Code = refusal.Code;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DeribitAuthenticationException()
        : base("The exchange refused the credentials.")
    {
        ClientId = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public DeribitAuthenticationException(string message)
        : base(message)
    {
        ClientId = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DeribitAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ClientId = string.Empty;
    }

    /// <summary>The client id that was refused.</summary>
    public string ClientId { get; }

    /// <summary>The exchange's error code (13004, or 13009 for a signature it would not accept).</summary>
    public int Code { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;
}
