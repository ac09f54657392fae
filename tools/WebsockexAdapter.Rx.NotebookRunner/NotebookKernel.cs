using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace WebsockexAdapter.Rx.NotebookRunner;

/// <summary>The kernel a notebook runs on: the C# kernel as the Polyglot Notebooks host builds it.</summary>
internal static class NotebookKernel
{
    /// <summary>
    /// A composite kernel holding one C# kernel with the kernel helpers (<c>display</c>, <c>HTML</c>), value sharing
    /// (so a magic command can read a C# variable: <c>#i @localFeed</c>) and the NuGet directives (<c>#r "nuget: ..."</c>,
    /// <c>#i</c>). Restores are forced: the local feed is rebuilt with the same version number on every build, and a
    /// cached resolution from an earlier build must not be reused.
    /// </summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective(
                (kernel, references) =>
                {
                    kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                    return Task.CompletedTask;
                },
                forceRestore: true)
            .UseKernelHelpers()
            .UseValueSharing();

        return new CompositeKernel { csharp }.UseDefaultKernel(csharp);
    }

    private static CompositeKernel UseDefaultKernel(this CompositeKernel composite, Kernel kernel)
    {
        composite.DefaultKernelName = kernel.Name;
        return composite;
    }
}
