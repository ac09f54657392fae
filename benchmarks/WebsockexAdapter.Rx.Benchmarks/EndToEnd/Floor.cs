namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>A figure the library promises, and whether this run met it.</summary>
internal sealed record Floor(string What, double Measured, double Required, bool AtLeast)
{
    public bool Met => AtLeast ? Measured >= Required : Measured <= Required;
}
