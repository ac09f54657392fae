using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>
/// One way a user could receive the blast. A new contender is one subclass and one line in
/// <see cref="E2eSuite.Contenders"/>.
/// </summary>
internal abstract class Contender
{
    /// <summary>The row's name.</summary>
    public abstract string Name { get; }

    /// <summary>What the contender does with each message, so that rows are compared like with like.</summary>
    public abstract string Touches { get; }

    /// <summary>
    /// Whether the server should wait for a JSON-RPC subscribe before it blasts (for contenders that subscribe to a
    /// channel, like an exchange adapter does).
    /// </summary>
    public virtual bool SubscribesFirst => false;

    /// <summary>
    /// What <see cref="ReceiveAsync"/> must return when every message arrived intact: by default the payload bytes
    /// of the stream (equal to its decoded string lengths, for the ASCII payloads the server sends).
    /// </summary>
    public virtual long ExpectedChecksum(LoopbackServer server, int messages) => server.PayloadBytes(Feed, messages);

    /// <summary>
    /// Whether the server holds the blast after its subscribe reply until <see cref="ReceiveAsync"/> calls
    /// <see cref="ReleaseBlast"/>: for a contender that subscribes more than once to a shared stream, whose later
    /// subscribers get only what follows them, so that none of them misses the first messages on a busy machine.
    /// </summary>
    public virtual bool HoldsBlast => false;

    /// <summary>Lets a held blast go (see <see cref="HoldsBlast"/>); the suite sets it for each round.</summary>
    public Action ReleaseBlast { get; set; } = static () => { };

    /// <summary>The stream the contender receives. The default value is <see cref="Feed.Book"/>.</summary>
    public virtual Feed Feed => Feed.Book;

    /// <summary>
    /// Connects to <paramref name="server"/>, receives exactly <paramref name="messages"/> messages, closes, and
    /// returns a checksum of what it touched (see <see cref="ExpectedChecksum"/>). Calls <see cref="RoundClock.Start"/>
    /// when the first message arrives and <see cref="RoundClock.Stop"/> when the last one has been handled.
    /// </summary>
    public abstract Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken);
}
