using System.Text.Json;

namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>Reads typed params; a missing or ill-typed one throws an <see cref="RpcException"/> with -32602.</summary>
internal readonly struct ParamReader(JsonElement parameters)
{
    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Invalid(name, "missing");

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(name, "must be a string");
    }

    public decimal RequiredDecimal(string name) =>
        OptionalDecimal(name) ?? throw Invalid(name, "missing");

    public decimal? OptionalDecimal(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw Invalid(name, "must be a number");
    }

    public double? OptionalDouble(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Invalid(name, "must be a number");
    }

    public long RequiredInt64(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Invalid(name, "missing");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw Invalid(name, "must be an integer");
    }

    public IReadOnlyList<string> RequiredStringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Invalid(name, "missing");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name, "must be an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(name, "must be an array of strings"));
        }

        return items;
    }

    public static RpcException Invalid(string name, string reason) => new(RpcError.InvalidParam(name, reason));

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null;
    }
}
