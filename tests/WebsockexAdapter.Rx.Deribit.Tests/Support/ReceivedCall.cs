using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>One request the fake exchange received.</summary>
/// <param name="Socket">The connection it came on (0 for the first).</param>
/// <param name="Id">The request id.</param>
/// <param name="Method">The method.</param>
/// <param name="Params">The params.</param>
/// <param name="At">The virtual time it arrived, in ticks.</param>
internal sealed record ReceivedCall(int Socket, long Id, string Method, JsonElement Params, long At)
{
    public string? Text(string name) => Params.TryGetProperty(name, out var value) ? value.ToString() : null;

    public IReadOnlyList<string> Channels =>
        Params.TryGetProperty("channels", out var channels) ? [.. channels.EnumerateArray().Select(c => c.GetString()!)] : [];
}
