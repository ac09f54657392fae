using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One connection's authentication: the first <c>public/auth</c>, the refresh with the <c>refresh_token</c> grant
/// before the token expires, and a single re-authentication when a call is answered 13009. Tokens live only here and
/// are never logged.
/// </summary>
internal sealed class SessionAuth(SessionRunner runner, DeribitCredentials credentials, AdapterContext context) : IDisposable
{
    private readonly object _gate = new();
    private readonly SerialDisposable _refreshTimer = new();
    private string? _refreshToken;
    private Task? _reauthentication;
    private Task? _refresh;

    public bool IsAuthenticated { get; private set; }

    /// <summary>The token refresh under way, if any (for tests); it never faults.</summary>
    internal Task? PendingRefresh => _refresh;

    /// <summary>Authenticates with the credentials; refused credentials become <see cref="DeribitAuthenticationException"/>.</summary>
    public async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        var parameters = credentials.Method == AuthMethod.ClientSignature
            ? ClientSignature.Create(credentials, context.Scheduler.Now)
            : new AuthParams("client_credentials") { ClientId = credentials.ClientId, ClientSecret = credentials.ClientSecret };
        JsonElement result;
        try
        {
            result = await runner.CallAsync("public/auth", DeribitJson.Params(parameters, DeribitJson.Default.AuthParams), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException refused) when (IsInvalidCredentials(refused))
        {
            throw new DeribitAuthenticationException(credentials.ClientId, refused) { ConnectionId = runner.Connection.Id };
        }

        Accept(result);
    }

    /// <summary>
    /// Authenticates again after a 13009; callers that arrive while one is under way share it.
    /// </summary>
    public Task ReauthenticateAsync(CancellationToken cancellationToken)
    {
        Task shared;
        lock (_gate)
        {
            if (_reauthentication is not { IsCompleted: false })
            {
                _reauthentication = AuthenticateAsync(CancellationToken.None);
            }

            shared = _reauthentication;
        }

        return shared.WaitAsync(cancellationToken);
    }

    public void Dispose() => _refreshTimer.Dispose();

    private bool IsInvalidCredentials(JsonRpcException refused) =>
        refused.Code == DeribitErrorCodes.InvalidCredentials
        // A signature the exchange will not accept is answered 13009; with a fresh timestamp and nonce every time,
        // that means the secret is wrong, and retrying cannot help.
        || (refused.Code == DeribitErrorCodes.Unauthorized && credentials.Method == AuthMethod.ClientSignature);

    private AuthResult Accept(JsonElement result)
    {
        var grant = result.Deserialize(DeribitJson.Default.AuthResult)
            ?? throw new JsonException("public/auth answered without a result.");
        _refreshToken = grant.RefreshToken;
        IsAuthenticated = true;
        if (grant.ExpiresIn > 0)
        {
            var due = TimeSpan.FromSeconds(grant.ExpiresIn * context.Options.TokenRefreshRatio);
            _refreshTimer.Disposable = context.Scheduler.Schedule(this, due, static (_, auth) =>
            {
                auth._refresh = auth.RefreshAsync();
                return Disposable.Empty;
            });
        }

        return grant;
    }

    /// <summary>Refreshes the token on the live connection; never throws (a failure ends in a new connection).</summary>
    private async Task RefreshAsync()
    {
        var connection = runner.Connection;
        try
        {
            await RefreshOrAuthenticateAsync().ConfigureAwait(false);
        }
        catch (Exception ended) when (ended is ConnectionLostException or NotConnectedException)
        {
            // The connection ended meanwhile: the next one authenticates afresh.
        }
#pragma warning disable CA1031 // Any other failure means this connection can no longer be trusted: end it, and let the restore start afresh.
        catch (Exception error)
#pragma warning restore CA1031
        {
            connection.Abort(error as WebSocketClientException
                ?? new ConnectionLostException($"Could not authenticate again after the token refresh failed: {error.Message}", error) { ConnectionId = connection.Id });
        }
    }

    private async Task RefreshOrAuthenticateAsync()
    {
        try
        {
            var parameters = new AuthParams("refresh_token") { RefreshToken = _refreshToken };
            var result = await runner.CallAsync("public/auth", DeribitJson.Params(parameters, DeribitJson.Default.AuthParams), CancellationToken.None).ConfigureAwait(false);
            var grant = Accept(result);
            DeribitLog.TokenRefreshed(context.Logger, runner.Connection.Id, grant.ExpiresIn);
        }
        catch (Exception error) when (error is not (ConnectionLostException or NotConnectedException))
        {
            DeribitLog.TokenRefreshFailed(context.Logger, runner.Connection.Id, error.Message);
            await AuthenticateAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
