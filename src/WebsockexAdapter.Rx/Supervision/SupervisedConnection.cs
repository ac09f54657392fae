using System.Diagnostics;

namespace WebsockexAdapter.Rx;

/// <summary>One new underlying connection as <c>Supervise</c> hands it to the restore.</summary>
/// <param name="Connection">The connection; nothing of it is reused after it ends.</param>
/// <param name="Epoch">Its number in this subscription: 1 for the first connection, 2 after the first reconnect, and so on.</param>
/// <param name="Attempt">The attempt that opened it: 1 unless earlier attempts in the same series failed.</param>
public readonly record struct SupervisedConnection(IConnection Connection, int Epoch, int Attempt)
{
    /// <summary>
    /// The context of the attempt's span (see <see cref="ConnectionTracing"/>), the parent for spans of its restore;
    /// <see langword="default"/> when nobody listened as the attempt began. The default value is <see langword="default"/>.
    /// </summary>
    public ActivityContext TraceContext { get; init; }
}
