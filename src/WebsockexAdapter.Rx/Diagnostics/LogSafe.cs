namespace WebsockexAdapter.Rx;

/// <summary>How an address appears in log lines and messages: without user info or query, which may hold credentials.</summary>
public static class LogSafe
{
    /// <summary>The address as it may be logged: scheme, host, port and path only.</summary>
    /// <param name="uri">An absolute address.</param>
    public static string Endpoint(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
