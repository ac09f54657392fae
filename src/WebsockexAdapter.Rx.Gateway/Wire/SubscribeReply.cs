namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// The gateway's answer to a subscribe. For a book channel it carries the book as of message <see cref="Seq"/> of
/// <see cref="Source"/>: the consumer applies that snapshot, then the messages numbered after it, so nothing is missed
/// and nothing applied twice. <see cref="Book"/> is null while the gateway holds no book (it is waiting for one).
/// </summary>
internal sealed record SubscribeReply
{
    /// <summary>Whether the channel is accepted.</summary>
    public bool Ok { get; init; }

    /// <summary>Why not, when not.</summary>
    public string? Error { get; init; }

    /// <summary>The answering gateway.</summary>
    public string GatewayId { get; init; } = string.Empty;

    /// <summary>The feed the snapshot belongs to.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The last message of <see cref="Source"/> the snapshot includes.</summary>
    public long Seq { get; init; }

    /// <summary>The gateway adapter's epoch the book belongs to.</summary>
    public int Epoch { get; init; }

    /// <summary>The gateway adapter's connection id.</summary>
    public string ConnectionId { get; init; } = string.Empty;

    /// <summary>When the book's last update was received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The current book as a snapshot, or null (not a book channel, or no book yet).</summary>
    public Deribit.BookUpdate? Book { get; init; }
}
