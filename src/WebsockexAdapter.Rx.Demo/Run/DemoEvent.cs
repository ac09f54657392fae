namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>Something worth a line in the log: a state change, a fault, a recovery, an order.</summary>
/// <param name="At">Since the run started.</param>
/// <param name="Kind">What sort of line it is, for colour.</param>
/// <param name="Text">The line.</param>
internal sealed record DemoEvent(TimeSpan At, DemoEventKind Kind, string Text);

/// <summary>What a <see cref="DemoEvent"/> is about.</summary>
internal enum DemoEventKind
{
    State,
    Fault,
    Recovery,
    Order,
    Problem,
}
