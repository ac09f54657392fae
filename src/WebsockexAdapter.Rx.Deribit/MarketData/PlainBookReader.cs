using static WebsockexAdapter.Rx.Deribit.PlainJson;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// <see cref="BookReader"/>'s shortcut for a book notification's data in the bytes the exchange writes: no whitespace,
/// ASCII strings without escapes, plain numbers, the channel's own instrument, members whose values are a string, a
/// number, a literal or (for bids and asks) the entries. One scan reads them without a <c>Utf8JsonReader</c>, whose
/// per-token cost was most of a book message's decode. Anything else is declined and the reader decides, exactly as
/// before: what this accepts is one well-formed JSON value that the reader reads to the same <see cref="BookData"/>.
/// </summary>
internal static class PlainBookReader
{
    [ThreadStatic]
    private static List<BookLevelChange>? t_levels;

    /// <summary>The data, if <paramref name="utf8"/> is in the plain form; false leaves it to the reader.</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, which the data's <c>instrument_name</c> must spell.</param>
    /// <param name="grouped">A grouped book's channel: every message is a snapshot.</param>
    /// <param name="data">What the reader would have decoded.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8, string? instrument, bool grouped, out BookData data)
    {
        data = default;
        var i = 0;
        if (instrument is null || !Take(utf8, ref i, (byte)'{') || At(utf8, i) == '}')
        {
            return false;
        }

        var snapshot = grouped;
        long timestamp = 0, changeId = 0;
        long? previous = null;
        BookLevelChange[] bids = [], asks = [];
        do
        {
            var member = KnownName(utf8[i..], out var length);
            i += length;
            var read = member switch
            {
                Member.Type => TryString(utf8, ref i, out var type) && Set(ref snapshot, grouped || type.SequenceEqual("snapshot"u8)),
                Member.Timestamp => TryInteger(utf8, ref i, out timestamp),
                Member.InstrumentName => TryString(utf8, ref i, out var spelled) && System.Text.Ascii.Equals(spelled, instrument),
                Member.ChangeId => TryInteger(utf8, ref i, out changeId),
                Member.PrevChangeId => TryIntegerOrNull(utf8, ref i, out previous),
                Member.Bids => TryLevels(utf8, ref i, out bids),
                Member.Asks => TryLevels(utf8, ref i, out asks),
                _ => TryString(utf8, ref i, out _) && Take(utf8, ref i, (byte)':') && TrySkipScalar(utf8, ref i),
            };
            if (!read)
            {
                return false;
            }
        }
        while (Take(utf8, ref i, (byte)','));

        if (!Take(utf8, ref i, (byte)'}') || i != utf8.Length)
        {
            return false;
        }

        data = new BookData(snapshot, timestamp, instrument, changeId, previous, bids, asks);
        return true;
    }

    private enum Member
    {
        Other,
        Type,
        Timestamp,
        InstrumentName,
        ChangeId,
        PrevChangeId,
        Bids,
        Asks,
    }

    /// <summary>
    /// The member whose name, in its quotes and with its colon, <paramref name="rest"/> starts with, and that prefix's
    /// length: one comparison for each of the exchange's names. Any other name is <see cref="Member.Other"/> (length 0).
    /// </summary>
    private static Member KnownName(ReadOnlySpan<byte> rest, out int length)
    {
        var member = At(rest, 1) switch
        {
            't' when rest.StartsWith("\"type\":"u8) => Member.Type,
            't' when rest.StartsWith("\"timestamp\":"u8) => Member.Timestamp,
            'i' when rest.StartsWith("\"instrument_name\":"u8) => Member.InstrumentName,
            'c' when rest.StartsWith("\"change_id\":"u8) => Member.ChangeId,
            'p' when rest.StartsWith("\"prev_change_id\":"u8) => Member.PrevChangeId,
            'b' when rest.StartsWith("\"bids\":"u8) => Member.Bids,
            'a' when rest.StartsWith("\"asks\":"u8) => Member.Asks,
            _ => Member.Other,
        };
        length = member switch
        {
            Member.Type or Member.Bids or Member.Asks => 7,
            Member.Timestamp or Member.ChangeId => 12,
            Member.PrevChangeId => 17,
            Member.InstrumentName => 18,
            _ => 0,
        };
        return member;
    }

    private static bool Set(ref bool target, bool value)
    {
        target = value;
        return true;
    }

    private static bool TryLevels(ReadOnlySpan<byte> utf8, ref int i, out BookLevelChange[] levels)
    {
        levels = [];
        if (!Take(utf8, ref i, (byte)'['))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)']'))
        {
            return true;
        }

        // A change usually moves one level: that one goes straight into its array, without the list.
        if (!TryLevel(utf8, ref i, out var first))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)']'))
        {
            levels = [first];
            return true;
        }

        var list = t_levels ??= new List<BookLevelChange>(64);
        list.Clear();
        list.Add(first);
        while (Take(utf8, ref i, (byte)','))
        {
            if (!TryLevel(utf8, ref i, out var level))
            {
                return false;
            }

            list.Add(level);
        }

        if (!Take(utf8, ref i, (byte)']'))
        {
            return false;
        }

        levels = [.. list];
        return true;
    }

    /// <summary><c>["new"|"change"|"delete",price,amount]</c>, or a grouped book's <c>[price,amount]</c> (a new level).</summary>
    private static bool TryLevel(ReadOnlySpan<byte> utf8, ref int i, out BookLevelChange level)
    {
        level = default;
        var action = BookAction.New;
        if (!Take(utf8, ref i, (byte)'['))
        {
            return false;
        }

        if (At(utf8, i) == '"')
        {
            var rest = utf8[i..];
            (action, var length) = rest.StartsWith("\"new\","u8) ? (BookAction.New, 6)
                : rest.StartsWith("\"change\","u8) ? (BookAction.Change, 9)
                : rest.StartsWith("\"delete\","u8) ? (BookAction.Delete, 9)
                : (action, 0);
            if (length == 0)
            {
                return false;
            }

            i += length;
        }

        if (!TryDecimal(utf8, ref i, out var price) || !Take(utf8, ref i, (byte)',') || !TryDecimal(utf8, ref i, out var amount) || !Take(utf8, ref i, (byte)']'))
        {
            return false;
        }

        level = new BookLevelChange(action, price, amount);
        return true;
    }
}
