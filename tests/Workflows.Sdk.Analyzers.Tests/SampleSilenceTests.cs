using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Sdk.Analyzers.Determinism;

namespace Workflows.Sdk.Analyzers.Tests;

/// <summary>The samples are the workflows users copy: the analyzer must find nothing to say about them.</summary>
public sealed class SampleSilenceTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public async Task The_analyzer_reports_nothing_on_the_sample_workflows()
    {
        var root = RepositoryRoot();
        var sources = Directory.GetFiles(Path.Combine(root, "samples", "Workflows.Samples"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(root, "samples", "Workflows.HelloApp"), "Hello*.cs"))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings))
            .ToList();
        // The samples' own dependencies, copied next to this test (everything but this test and the samples themselves).
        var dependencies = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is not ("Workflows.Samples.dll" or "Workflows.Sdk.Analyzers.Tests.dll"))
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            // The Microsoft.Extensions libraries the samples get from the ASP.NET Core shared framework (not copied to this folder).
            .Concat(Directory.GetFiles(Path.GetDirectoryName(typeof(OptionsBuilderConfigurationExtensions).Assembly.Location)!, "Microsoft.Extensions.*.dll"))
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Samples", sources,
            WorkflowSource.References.Concat(dependencies).DistinctBy(r => Path.GetFileName(r.Display)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var diagnostics = await compilation.WithAnalyzers([new DeterminismAnalyzer()]).GetAllDiagnosticsAsync();

        // CS8795: SlowWorkflow's [LoggerMessage] methods get their bodies from a generator this compilation does not run.
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToList();
        Assert.True(errors.Count == 0, "the samples do not compile here, so the analyzer would see too little:\n" + string.Join("\n", errors.Take(10)));
        Assert.True(sources.Count > 10, $"found only {sources.Count} files");
        Assert.Empty(diagnostics.Where(d => d.Id.StartsWith("WF", StringComparison.Ordinal)));
    }

    private static string RepositoryRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));
}
