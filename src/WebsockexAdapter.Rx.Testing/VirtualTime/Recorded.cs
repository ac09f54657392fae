namespace WebsockexAdapter.Rx.Testing;

/// <summary>A value and the virtual time (in ticks) it was seen at.</summary>
/// <typeparam name="T">The value's type, usually a <see cref="System.Reactive.Notification{T}"/>.</typeparam>
/// <param name="Time">The virtual time, in ticks.</param>
/// <param name="Value">The value.</param>
public readonly record struct Recorded<T>(long Time, T Value)
{
    /// <summary>The value and time, as Microsoft.Reactive.Testing prints them.</summary>
    public override string ToString() => $"{Value}@{Time}";
}
