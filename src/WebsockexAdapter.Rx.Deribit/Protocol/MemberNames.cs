using System.Numerics;
using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Which of a decoder's member names a name's UTF-8 spells: one hash of its length and three of its bytes, then (in the
/// usual case) one comparison. A decoder looks up every member of every message, and a ticker has two dozen.
/// Before that, the scan (<see cref="PlainJson.MemberEnd{TMember}"/>) tries a guess: the exchange writes an object's
/// members in the same order message after message, so the member that followed the previous one last time is
/// usually the next one, and one comparison of its quoted name and colon finds it without searching for the name's end.
/// </summary>
/// <typeparam name="TMember">What a name stands for; its default is "a member the decoder does not keep".</typeparam>
internal sealed class MemberNames<TMember>
    where TMember : struct
{
    /// <summary>Where the guesses after an object's opening brace and after a name not in the table are kept, past the slots.</summary>
    private const int StartGuess = 0;
    private const int OtherGuess = 1;

    private readonly byte[]?[] _names;
    private readonly byte[]?[] _quotedNames;
    private readonly TMember[] _members;

    /// <summary>
    /// The slot of the member that followed each slot (or an object's start, or another name) last time; -1 for none.
    /// Shared by every decoder of these names on any thread, and written without a lock: an int is written whole, and a
    /// guess is taken only when the bytes spell it, so a guess another decoder changed costs one comparison, never a value.
    /// </summary>
    private readonly int[] _followers;

    /// <param name="names">The names (ASCII, not empty, each once) and what each stands for.</param>
    public MemberNames(params ReadOnlySpan<(string Name, TMember Member)> names)
    {
        // At most a quarter of the slots taken: a name that is not ours meets an empty slot within a probe or two.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)names.Length * 4);
        _names = new byte[size][];
        _quotedNames = new byte[size][];
        _members = new TMember[size];
        _followers = new int[size + 2];
        Array.Fill(_followers, -1);
        foreach (var (name, member) in names)
        {
            var utf8 = Encoding.ASCII.GetBytes(name);
            var slot = Slot(utf8);
            while (_names[slot] is not null)
            {
                slot = (slot + 1) & (size - 1);
            }

            _names[slot] = utf8;
            _quotedNames[slot] = Encoding.ASCII.GetBytes($"\"{name}\":");
            _members[slot] = member;
        }
    }

    /// <summary>What a guess follows at the start of an object.</summary>
    public int ObjectStart => _names.Length + StartGuess;

    /// <summary>What a guess follows after a name that is not in the table.</summary>
    public int OtherName => _names.Length + OtherGuess;

    /// <summary>What <paramref name="name"/> stands for, or the default for any other name.</summary>
    public TMember Of(ReadOnlySpan<byte> name)
    {
        var slot = SlotOf(name);
        return slot < 0 ? default : _members[slot];
    }

    /// <summary>The slot of <paramref name="name"/>, or -1 for any other name.</summary>
    public int SlotOf(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return -1;
        }

        for (var slot = Slot(name); ; slot = (slot + 1) & (_names.Length - 1))
        {
            var candidate = _names[slot];
            if (candidate is null)
            {
                return -1;
            }

            if (name.SequenceEqual(candidate))
            {
                return slot;
            }
        }
    }

    /// <summary>What the name in <paramref name="slot"/> stands for.</summary>
    public TMember MemberAt(int slot) => _members[slot];

    /// <summary>
    /// The member that followed <paramref name="previous"/> (a slot, <see cref="ObjectStart"/> or <see cref="OtherName"/>)
    /// last time, if <paramref name="utf8"/> starts with its quoted name and colon: its slot, and how many bytes those are.
    /// </summary>
    public bool TryGuess(ReadOnlySpan<byte> utf8, int previous, out int slot, out int length)
    {
        slot = _followers[previous];
        length = 0;
        if (slot < 0 || !utf8.StartsWith(_quotedNames[slot]))
        {
            return false;
        }

        length = _quotedNames[slot]!.Length;
        return true;
    }

    /// <summary>Keeps <paramref name="next"/> (a slot or <see cref="OtherName"/>) as the guess after <paramref name="previous"/>.</summary>
    public void Follows(int previous, int next)
    {
        var guess = next < _names.Length ? next : -1;
        if (_followers[previous] != guess)
        {
            _followers[previous] = guess;
        }
    }

    private int Slot(ReadOnlySpan<byte> name)
    {
        var hash = (uint)name.Length;
        hash = (hash * 31) + name[0];
        hash = (hash * 31) + name[name.Length / 2];
        hash = (hash * 31) + name[^1];
        return (int)((hash ^ (hash >> 7)) & (uint)(_names.Length - 1));
    }
}
