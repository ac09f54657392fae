using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>
/// A decoded value as text that shows every field as decoded: each decimal as written (1.0 is not 1, and a negative
/// zero keeps its sign), nested records and lists field by field. Two decoders agree when their texts are equal.
/// </summary>
internal static class DecodedText
{
    /// <summary>What <paramref name="decode"/> gives, or the fact that it refused the bytes with a <see cref="JsonException"/>; any other exception is a bug and propagates.</summary>
    public static string Of<T>(Func<T> decode)
    {
        try
        {
            return Of(decode());
        }
        catch (JsonException)
        {
            return "refused";
        }
    }

    public static string Of(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        decimal number => string.Create(CultureInfo.InvariantCulture, $"{number}{(decimal.IsNegative(number) ? "(-)" : string.Empty)}"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Of)) + "]",
        _ => value.GetType().Name + "{" + string.Join(
            ",", value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.GetIndexParameters().Length == 0)
                .Select(p => $"{p.Name}={Of(p.GetValue(value))}")) + "}",
    };
}
