using Microsoft.Extensions.Hosting;

namespace WebsockexAdapter.Rx.Simulator.Hosting;

/// <summary>
/// Keeps the host away from the process's signals: the default console lifetime would take Ctrl+C and SIGTERM
/// from a test runner or from the standalone program, which handle them themselves.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
