using WebsockexAdapter.Rx.Demo.Run;

namespace WebsockexAdapter.Rx.Demo;

/// <summary>How a run of the demo ended: the process exit code and, when it ran, its summary.</summary>
/// <param name="ExitCode">0 when the run proved every claim (or only printed help).</param>
/// <param name="Summary">The summary, or <see langword="null"/> when the run did not get that far.</param>
internal sealed record DemoOutcome(int ExitCode, DemoSummary? Summary);
