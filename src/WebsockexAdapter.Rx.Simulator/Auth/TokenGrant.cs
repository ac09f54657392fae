namespace WebsockexAdapter.Rx.Simulator.Auth;

/// <summary>One issued pair of tokens, as <c>public/auth</c> answers it.</summary>
internal sealed record TokenGrant(string ClientId, string AccessToken, string RefreshToken, TimeSpan ExpiresIn, string Scope);
