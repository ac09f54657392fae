namespace WebsockexAdapter.Rx.Notebooks.Tests;

#pragma warning disable CA1515 // Public: notebook scripts receive it from HTML().
/// <summary>What <see cref="NotebookGlobals.HTML"/> returns; shown in the test output shortened (an inline image is long).</summary>
public sealed record HtmlContent(string Markup)
{
    private const int Shown = 120;

    public override string ToString() => Markup.Length <= Shown ? Markup : $"{Markup[..Shown]}... ({Markup.Length} characters of HTML)";
}
#pragma warning restore CA1515
