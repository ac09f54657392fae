namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>
/// A per-channel seed that is the same in every process (string.GetHashCode is randomised per process), so a
/// given simulator seed gives each channel the same stream every run.
/// </summary>
internal static class StableSeed
{
    public static int For(int seed, string channel)
    {
        // FNV-1a over the UTF-16 code units.
        var hash = 2166136261u;
        foreach (var c in channel)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (uint)seed) & int.MaxValue;
    }
}
