using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>
/// Systematic edits of a JSON value, for comparing two decoders on what the exchange might also send: for every member
/// of every object in it (nested ones too), the member removed, its value replaced by each of <see cref="Values"/>, its
/// name escaped, whitespace around it, the member twice; and each object's members in reverse and rotated order.
/// </summary>
internal static class JsonVariants
{
    /// <summary>Values a member may carry instead of its own: words in numbers, escapes, literals, nested values, numbers at the edges.</summary>
    public static readonly string[] Values =
    [
        "\"undefined\"", "\"expired\"", "\"market_price\"", "\"\"", "\"und\\u0065fined\"", "\"x\\\"y\"", "\"\u00e9\"", "null", "true",
        "false", "{}", "[]", "{\"a\":1}", "[1]", "0", "-0", "-0.0", "0.000", "1.0", "-1", "1e2", "1.5E-3", "2147483648",
        "123456789012345678", "1234567890123456789", "12345678901234567890", "79228162514264337593543950336", "\"BTC-PERPETUAL\"",
        "\"buy\"", "\"open\"", "\"BTC\\u002dPERPETUAL\"",
    ];

    /// <summary>Every variant of <paramref name="json"/> (one JSON value in compact form).</summary>
    public static IEnumerable<string> Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        var objects = new List<int>();
        Count(document.RootElement, objects);
        for (var o = 0; o < objects.Count; o++)
        {
            yield return Render(document.RootElement, new Edit(o, -1, EditKind.Reverse, null));
            yield return Render(document.RootElement, new Edit(o, -1, EditKind.Rotate, null));
            for (var m = 0; m < objects[o]; m++)
            {
                foreach (var kind in (EditKind[])[EditKind.Remove, EditKind.EscapeName, EditKind.Spaces, EditKind.Twice])
                {
                    yield return Render(document.RootElement, new Edit(o, m, kind, null));
                }

                foreach (var value in Values)
                {
                    yield return Render(document.RootElement, new Edit(o, m, EditKind.Replace, value));
                }
            }
        }
    }

    private enum EditKind
    {
        Remove,
        Replace,
        EscapeName,
        Spaces,
        Twice,
        Reverse,
        Rotate,
    }

    private static void Count(JsonElement element, List<int> objects)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            objects.Add(element.EnumerateObject().Count());
            foreach (var member in element.EnumerateObject())
            {
                Count(member.Value, objects);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Count(item, objects);
            }
        }
    }

    private static string Render(JsonElement root, Edit edit)
    {
        var text = new StringBuilder();
        var next = 0;
        Write(root, edit, text, ref next);
        return text.ToString();
    }

    private static void Write(JsonElement element, Edit edit, StringBuilder text, ref int nextObject)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var index = nextObject++;
                var members = element.EnumerateObject().ToList();
                var order = Enumerable.Range(0, members.Count).ToList();
                if (index == edit.Object && edit.Kind == EditKind.Reverse)
                {
                    order.Reverse();
                }
                else if (index == edit.Object && edit.Kind == EditKind.Rotate && order.Count > 0)
                {
                    order = [.. order.Skip(1), order[0]];
                }

                text.Append('{');
                var first = true;
                foreach (var m in order)
                {
                    var edited = index == edit.Object && m == edit.Member;
                    if (edited && edit.Kind == EditKind.Remove)
                    {
                        continue;
                    }

                    if (edited && edit.Kind == EditKind.Twice)
                    {
                        // The first of the two carries another value: the last one must win.
                        text.Append(first ? string.Empty : ",").Append('"').Append(members[m].Name).Append("\":null");
                        first = false;
                    }

                    text.Append(first ? string.Empty : ",");
                    first = false;
                    var name = edited && edit.Kind == EditKind.EscapeName
                        ? $"\\u{(int)members[m].Name[0]:x4}{members[m].Name[1..]}"
                        : members[m].Name;
                    var spaces = edited && edit.Kind == EditKind.Spaces ? " " : string.Empty;
                    text.Append(spaces).Append('"').Append(name).Append("\":").Append(spaces);
                    if (edited && edit.Kind == EditKind.Replace)
                    {
                        text.Append(edit.Value);
                    }
                    else
                    {
                        Write(members[m].Value, edit, text, ref nextObject);
                    }

                    text.Append(spaces);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(firstItem ? string.Empty : ",");
                    firstItem = false;
                    Write(item, edit, text, ref nextObject);
                }

                text.Append(']');
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    private sealed record Edit(int Object, int Member, EditKind Kind, string? Value);
}
