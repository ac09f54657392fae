namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>The soak runs alone in its collection: its timing figures should not compete with the other tests' sockets.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakGroup
{
    public const string Name = "Chaos soak";
}
