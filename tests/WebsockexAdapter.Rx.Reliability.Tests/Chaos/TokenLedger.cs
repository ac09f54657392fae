using System.Collections.Concurrent;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>
/// Counts the access tokens the exchange issues on each client socket, read off the wire: the restore's auth earns one,
/// and every further one must follow a refresh grant or a 13009 answer on that socket (re-auth only when needed).
/// </summary>
internal sealed class TokenLedger(ConcurrentQueue<string> violations)
{
    private long _issued;
    private long _refreshes;
    private long _unauthorized;

    public long Issued => Interlocked.Read(ref _issued);

    public long Refreshes => Interlocked.Read(ref _refreshes);

    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>The tap for socket <paramref name="socket"/>, for <c>RecordingTransportFactory.Tap</c>.</summary>
    public Action<Frame, bool> ForSocket(int socket)
    {
        var counts = new Counts();
        return (frame, sent) =>
        {
            if (frame.Kind != FrameKind.Text)
            {
                return;
            }

            var text = frame.Text;
            if (sent)
            {
                if (text.Contains("\"public/auth\"", StringComparison.Ordinal) && text.Contains("\"refresh_token\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref counts.RefreshGrants);
                    Interlocked.Increment(ref _refreshes);
                }

                return;
            }

            if (text.Contains("13009", StringComparison.Ordinal) && IsError(text, 13009))
            {
                counts.Unauthorized++;
                Interlocked.Increment(ref _unauthorized);
            }
            else if (text.Contains("\"access_token\"", StringComparison.Ordinal))
            {
                counts.Issued++;
                Interlocked.Increment(ref _issued);
                var refreshes = Volatile.Read(ref counts.RefreshGrants);
                if (counts.Issued > 1 + refreshes + counts.Unauthorized)
                {
                    violations.Enqueue(
                        $"socket {socket}: access token #{counts.Issued} issued after {refreshes} refresh grants and {counts.Unauthorized} 13009 answers " +
                        "(one per connection, then only on a refresh or a 13009)");
                }
            }
        };
    }

    private static bool IsError(string text, int code)
    {
        using var json = JsonDocument.Parse(text);
        return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var value) && value.GetInt32() == code;
    }

    /// <summary>One socket's counts: the receive side owns Issued and Unauthorized, the send side RefreshGrants.</summary>
    private sealed class Counts
    {
        public int Issued;
        public int Unauthorized;
        public int RefreshGrants;
    }
}
