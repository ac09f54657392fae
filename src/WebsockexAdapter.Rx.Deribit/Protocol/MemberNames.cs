using System.Numerics;
using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Which of a decoder's member names a name's UTF-8 spells: one hash of its length and three of its bytes, then (in the
/// usual case) one comparison. A decoder looks up every member of every message, and a ticker has two dozen.
/// </summary>
/// <typeparam name="TMember">What a name stands for; its default is "a member the decoder does not keep".</typeparam>
internal sealed class MemberNames<TMember>
    where TMember : struct
{
    private readonly byte[]?[] _names;
    private readonly TMember[] _members;

    /// <param name="names">The names (ASCII, not empty, each once) and what each stands for.</param>
    public MemberNames(params ReadOnlySpan<(string Name, TMember Member)> names)
    {
        // At most a quarter of the slots taken: a name that is not ours meets an empty slot within a probe or two.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)names.Length * 4);
        _names = new byte[size][];
        _members = new TMember[size];
        foreach (var (name, member) in names)
        {
            var utf8 = Encoding.ASCII.GetBytes(name);
            var slot = Slot(utf8);
            while (_names[slot] is not null)
            {
                slot = (slot + 1) & (size - 1);
            }

            _names[slot] = utf8;
            _members[slot] = member;
        }
    }

    /// <summary>What <paramref name="name"/> stands for, or the default for any other name.</summary>
    public TMember Of(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return default;
        }

        for (var slot = Slot(name); ; slot = (slot + 1) & (_names.Length - 1))
        {
            var candidate = _names[slot];
            if (candidate is null)
            {
                return default;
            }

            if (name.SequenceEqual(candidate))
            {
                return _members[slot];
            }
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
