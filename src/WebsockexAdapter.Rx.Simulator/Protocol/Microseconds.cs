namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>The exchange's timestamps: microseconds (envelope) and milliseconds (payloads) since the Unix epoch.</summary>
internal static class Microseconds
{
    public static long Now(TimeProvider clock) => (clock.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    public static long NowMs(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
