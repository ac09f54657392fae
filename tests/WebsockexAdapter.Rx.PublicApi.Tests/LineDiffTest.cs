namespace WebsockexAdapter.Rx.PublicApi.Tests;

public sealed class LineDiffTest
{
    [Fact]
    public void Describe_ChangedAddedAndRemovedLines_ShowsOnlyThoseWithTheirLineNumbers()
    {
        var before = "namespace A\n{\n    public void Keep() { }\n    public void Old() { }\n    public void Gone() { }\n}\n";
        var after = "namespace A\n{\n    public void Keep() { }\n    public void New() { }\n}\n";

        var diff = LineDiff.Describe(before, after);

        Assert.Equal(
            "  + 4:     public void New() { }\n  - 4:     public void Old() { }\n  - 5:     public void Gone() { }",
            diff.ReplaceLineEndings("\n"));
    }
}
