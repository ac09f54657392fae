using System.Collections.Concurrent;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>
/// The restore order, read from the simulator's record of every connection: heartbeat, then auth, then
/// cancel-on-disconnect, then the first subscribe. Each step is found by its first call, so a wrong order shows even when
/// a 13009 and a re-auth later made the connection look right; a connection cut short need only be in order so far.
/// </summary>
internal static class RestoreOrder
{
    private static readonly string[][] Steps =
    [
        ["public/set_heartbeat"], ["public/auth"], ["private/enable_cancel_on_disconnect"], ["public/subscribe", "private/subscribe"],
    ];

    /// <summary>Adds a violation for each connection whose record breaks the order.</summary>
    public static void Check(IEnumerable<SimulatedConnectionInfo> connections, ConcurrentQueue<string> violations)
    {
        foreach (var connection in connections)
        {
            if (Problem(connection.Methods) is { } problem)
            {
                violations.Enqueue($"connection #{connection.Id} restored out of order ({problem}): {string.Join(", ", connection.Methods.Take(8))}");
            }
        }
    }

    private static string? Problem(IReadOnlyList<string> methods)
    {
        var firsts = Steps.Select(step => methods.ToList().FindIndex(step.Contains)).ToArray();
        for (var later = 1; later < Steps.Length; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                if (firsts[later] >= 0 && (firsts[earlier] < 0 || firsts[earlier] > firsts[later]))
                {
                    return $"{Steps[later][0]} before {Steps[earlier][0]}";
                }
            }
        }

        return null;
    }
}
