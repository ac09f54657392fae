using System.Security.Cryptography;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Auth;

/// <summary>Issues, refreshes, checks and expires tokens. Access and refresh tokens expire on the injected clock.</summary>
internal sealed class TokenStore(SimulatorOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string ClientId, DateTimeOffset Expires)> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string ClientId, DateTimeOffset Expires, string Scope)> _refresh = new(StringComparer.Ordinal);

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public TokenGrant Issue(string clientId, string scope)
    {
        var grant = new TokenGrant(clientId, NewToken("sim-at-"), NewToken("sim-rt-"), options.TokenLifetime, scope);
        lock (_gate)
        {
            _access[grant.AccessToken] = (clientId, Now + options.TokenLifetime);
            _refresh[grant.RefreshToken] = (clientId, Now + options.RefreshTokenLifetime, scope);
        }

        return grant;
    }

    /// <summary>Trades a live refresh token for a new pair; the old refresh token is used up.</summary>
    public TokenGrant? Refresh(string refreshToken)
    {
        (string ClientId, DateTimeOffset Expires, string Scope) entry;
        lock (_gate)
        {
            if (!_refresh.Remove(refreshToken, out entry) || entry.Expires <= Now)
            {
                return null;
            }
        }

        return Issue(entry.ClientId, entry.Scope);
    }

    public bool IsValid(string accessToken)
    {
        lock (_gate)
        {
            return _access.TryGetValue(accessToken, out var entry) && entry.Expires > Now;
        }
    }

    /// <summary>Ends every access token now; refresh tokens stay valid, so a client can recover by refreshing.</summary>
    public void ExpireAll()
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var key in _access.Keys.ToList())
            {
                _access[key] = (_access[key].ClientId, now);
            }
        }
    }

    /// <summary>The account a private request acts for: the <c>access_token</c> param's, else the connection's.</summary>
    public string? AuthorizedClient(AuthSession? session, string? accessToken, out RpcError? error)
    {
        error = null;
        var token = accessToken ?? session?.AccessToken;
        if (token is null)
        {
            error = RpcError.Unauthorized("the connection is not authenticated");
            return null;
        }

        lock (_gate)
        {
            if (!_access.TryGetValue(token, out var entry))
            {
                error = RpcError.InvalidToken("unknown access token");
                return null;
            }

            if (entry.Expires <= Now)
            {
                error = RpcError.InvalidToken("access token expired");
                return null;
            }

            return entry.ClientId;
        }
    }

    private static string NewToken(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
