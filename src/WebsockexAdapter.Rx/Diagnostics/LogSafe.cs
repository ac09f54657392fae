namespace WebsockexAdapter.Rx;

/// <summary>How an address appears in log lines and messages: without user info or query, which may hold credentials.</summary>
internal static class LogSafe
{
    public static string Endpoint(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
