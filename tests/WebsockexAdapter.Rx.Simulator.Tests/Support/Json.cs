using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Tests.Support;

/// <summary>Small readers for asserting on replies.</summary>
public static class Json
{
    public static int Code(this JsonElement error) => error.GetProperty("code").GetInt32();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static JsonElement Data(this Received notification) => notification.Json!.Value.GetProperty("params").GetProperty("data");

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static void HasProperties(JsonElement e, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(e.TryGetProperty(name, out _), $"missing \"{name}\" in {e}");
        }
    }
}
