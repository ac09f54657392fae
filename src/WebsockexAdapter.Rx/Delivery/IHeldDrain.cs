namespace WebsockexAdapter.Rx;

/// <summary>A delivery queue whose drain a <see cref="DeliveryBatch"/> holds back and then starts.</summary>
internal interface IHeldDrain
{
    /// <summary>Schedules the drain; the queue has already marked itself as draining.</summary>
    void StartDrain();
}
