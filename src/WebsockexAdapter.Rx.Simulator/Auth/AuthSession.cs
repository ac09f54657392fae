namespace WebsockexAdapter.Rx.Simulator.Auth;

/// <summary>What a successful <c>public/auth</c> leaves on a connection: the account and the token it holds.</summary>
internal sealed record AuthSession(string ClientId, string AccessToken, string Scope);
