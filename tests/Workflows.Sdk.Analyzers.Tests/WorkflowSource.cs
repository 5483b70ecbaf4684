using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Workflows.Sdk.Analyzers.Tests;

/// <summary>Test sources: a workflow class around a body, compiled against .NET 10 and Workflows.Sdk (no NuGet download).</summary>
internal static class WorkflowSource
{
    public const string Usings = """
        #nullable enable
        using System;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Workflows.Sdk;

        """;

    /// <summary>.NET 10's reference assemblies and Workflows.Sdk.</summary>
    public static IEnumerable<MetadataReference> References =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(IWorkflowStep).Assembly.Location));

    /// <summary>No reference package to resolve: <see cref="References"/> are added to each test instead.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    /// <summary>A workflow named <c>test</c> whose RunAsync is <paramref name="body"/>, plus <paramref name="members"/>.</summary>
    public static string Workflow(string body, string members = "") => Usings + $$"""
        [Workflow("test")]
        public sealed class TestWorkflow : WorkflowEntrypoint<string>
        {
            public override async Task<object?> RunAsync(WorkflowEvent<string> evt, IWorkflowStep step, CancellationToken ct)
            {
        {{body}}
                return null;
            }
        {{members}}
        }
        """;
}
