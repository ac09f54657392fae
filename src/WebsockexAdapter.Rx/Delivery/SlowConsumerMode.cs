namespace WebsockexAdapter.Rx;

/// <summary>What a subscription that falls behind its stream gets.</summary>
public enum SlowConsumerMode
{
    /// <summary>
    /// Every element, in order, from a queue of at most <see cref="SlowConsumerPolicy.Capacity"/>; one more ends that
    /// subscription with a <see cref="SlowConsumerException"/>. Nothing is dropped silently: right for book changes,
    /// trades and orders.
    /// </summary>
    Queue,

    /// <summary>
    /// Only the newest element: one that arrives while the subscriber is busy replaces the one waiting. Right for a
    /// ticker or a top of book, where only the latest value matters.
    /// </summary>
    Latest,
}
