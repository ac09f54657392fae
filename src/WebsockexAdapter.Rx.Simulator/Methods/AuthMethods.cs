using System.Net.WebSockets;
using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Auth;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Methods;

/// <summary><c>public/auth</c> with its three grants, and <c>private/logout</c>.</summary>
internal static class AuthMethods
{
    public static RpcOutcome Auth(RequestContext context)
    {
        var p = context.Params;
        var grantType = p.RequiredString("grant_type");
        var accounts = context.State.Options.Accounts;
        var scope = ConnectionScope(p.OptionalString("scope"));
        TokenGrant? grant;
        switch (grantType)
        {
            case "client_credentials":
            {
                var clientId = p.RequiredString("client_id");
                var secret = p.RequiredString("client_secret");
                if (!accounts.TryGetValue(clientId, out var expected) || !string.Equals(expected, secret, StringComparison.Ordinal))
                {
                    return RpcOutcome.Fail(RpcError.InvalidCredentials());
                }

                grant = context.State.Tokens.Issue(clientId, scope);
                break;
            }

            case "client_signature":
            {
                var clientId = p.RequiredString("client_id");
                var timestamp = p.RequiredInt64("timestamp");
                var nonce = p.RequiredString("nonce");
                var signature = p.RequiredString("signature");
                var data = p.OptionalString("data") ?? string.Empty;
                if (!accounts.TryGetValue(clientId, out var secret))
                {
                    return RpcOutcome.Fail(RpcError.InvalidCredentials());
                }

                if (!SignatureVerifier.Verify(secret, timestamp, nonce, data, signature))
                {
                    return RpcOutcome.Fail(RpcError.Unauthorized("invalid signature"));
                }

                grant = context.State.Tokens.Issue(clientId, scope);
                break;
            }

            case "refresh_token":
                grant = context.State.Tokens.Refresh(p.RequiredString("refresh_token"));
                if (grant is null)
                {
                    return RpcOutcome.Fail(RpcError.InvalidToken("unknown or expired refresh token"));
                }

                break;

            default:
                throw ParamReader.Invalid("grant_type", "must be client_credentials, client_signature or refresh_token");
        }

        context.Connection.Authenticate(new AuthSession(grant.ClientId, grant.AccessToken, grant.Scope));
        return RpcOutcome.Ok(w => WriteGrant(w, grant));
    }

    public static RpcOutcome Logout(RequestContext context)
    {
        // Logging out closes the connection without cancel-on-disconnect: the exchange keeps the orders.
        context.Connection.SuppressCancelOnDisconnect();
        var connection = context.Connection;
        return RpcOutcome.Ok(static w => w.WriteStringValue("ok"), () => connection.RequestClose(WebSocketCloseStatus.NormalClosure, "logout"));
    }

    private static string ConnectionScope(string? requested)
    {
        var session = requested?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(s => s.StartsWith("session:", StringComparison.Ordinal));
        return session ?? "connection";
    }

    private static void WriteGrant(Utf8JsonWriter writer, TokenGrant grant)
    {
        writer.WriteStartObject();
        writer.WriteString("access_token", grant.AccessToken);
        writer.WriteNumber("expires_in", (long)Math.Ceiling(grant.ExpiresIn.TotalSeconds));
        writer.WriteString("refresh_token", grant.RefreshToken);
        writer.WriteString("scope", grant.Scope + " mainaccount trade:read_write account:read_write wallet:read_write");
        writer.WriteString("token_type", "bearer");
        writer.WriteStartArray("enabled_features");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
