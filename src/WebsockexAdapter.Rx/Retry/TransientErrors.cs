using System.Security.Authentication;

namespace WebsockexAdapter.Rx;

/// <summary>The default answer to "can trying again help?" for connection errors.</summary>
public static class TransientErrors
{
    /// <summary>
    /// <see langword="false"/> for errors no retry can fix: a refused upgrade (401, 403, 404...), a TLS failure, a bad
    /// URL or argument, and any <see cref="WebSocketClientException"/> that says it is not transient;
    /// <see langword="true"/> for everything else (resets, timeouts, closes, DNS blips).
    /// </summary>
    /// <param name="error">The error seen.</param>
    public static bool IsTransient(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is WebSocketClientException client)
        {
            return client.IsTransient;
        }

        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException or UriFormatException or ArgumentException or NotSupportedException)
            {
                return false;
            }
        }

        return true;
    }
}
