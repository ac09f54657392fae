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
        var i = After(utf8, 0, (byte)'{');
        if (instrument is null || i < 0 || At(utf8, i) == '}')
        {
            return false;
        }

        var snapshot = grouped;
        long timestamp = 0, changeId = 0;
        long? previous = null;
        BookLevelChange[] bids = [], asks = [];
        while (true)
        {
            var member = KnownName(utf8[i..], out var length);
            i += length;
            switch (member)
            {
                case Member.Type:
                    i = StringEnd(utf8, i, out var type);
                    snapshot = grouped || type.SequenceEqual("snapshot"u8);
                    break;
                case Member.Timestamp:
                    i = IntegerEnd(utf8, i, out timestamp);
                    break;
                case Member.InstrumentName:
                    i = StringEnd(utf8, i, out var spelled);
                    i = System.Text.Ascii.Equals(spelled, instrument) ? i : NotRead;
                    break;
                case Member.ChangeId:
                    i = IntegerEnd(utf8, i, out changeId);
                    break;
                case Member.PrevChangeId:
                    i = IntegerOrNullEnd(utf8, i, out previous);
                    break;
                case Member.Bids:
                    i = LevelsEnd(utf8, i, out bids);
                    break;
                case Member.Asks:
                    i = LevelsEnd(utf8, i, out asks);
                    break;
                default:
                    i = After(utf8, StringEnd(utf8, i, out _), (byte)':');
                    i = i < 0 ? NotRead : ScalarEnd(utf8, i);
                    break;
            }

            if (At(utf8, i) != ',')
            {
                break;
            }

            i++;
        }

        if (i < 0 || After(utf8, i, (byte)'}') != utf8.Length)
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

    private static int LevelsEnd(ReadOnlySpan<byte> utf8, int i, out BookLevelChange[] levels)
    {
        levels = [];
        i = After(utf8, i, (byte)'[');
        if (i < 0 || At(utf8, i) == ']')
        {
            return i < 0 ? NotRead : i + 1;
        }

        // A change usually moves one level: that one goes straight into its array, without the list.
        i = LevelEnd(utf8, i, out var first);
        if (i < 0)
        {
            return NotRead;
        }

        if (At(utf8, i) == ']')
        {
            levels = [first];
            return i + 1;
        }

        var list = t_levels ??= new List<BookLevelChange>(64);
        list.Clear();
        list.Add(first);
        while (At(utf8, i) == ',')
        {
            i = LevelEnd(utf8, i + 1, out var level);
            if (i < 0)
            {
                return NotRead;
            }

            list.Add(level);
        }

        i = After(utf8, i, (byte)']');
        if (i < 0)
        {
            return NotRead;
        }

        levels = [.. list];
        return i;
    }

    /// <summary><c>["new"|"change"|"delete",price,amount]</c>, or a grouped book's <c>[price,amount]</c> (a new level).</summary>
    private static int LevelEnd(ReadOnlySpan<byte> utf8, int i, out BookLevelChange level)
    {
        level = default;
        var action = BookAction.New;
        i = After(utf8, i, (byte)'[');
        if (i < 0)
        {
            return NotRead;
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
                return NotRead;
            }

            i += length;
        }

        i = DecimalEnd(utf8, i, out var price);
        i = After(utf8, i, (byte)',');
        if (i < 0)
        {
            return NotRead;
        }

        i = After(utf8, DecimalEnd(utf8, i, out var amount), (byte)']');
        if (i < 0)
        {
            return NotRead;
        }

        level = new BookLevelChange(action, price, amount);
        return i;
    }
}
