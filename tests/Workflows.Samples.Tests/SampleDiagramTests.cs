using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.Samples.Tests;

/// <summary>
/// The diagram the generator compiled into Workflows.Samples, for every sample, against Diagrams/{workflow}.json.
/// After changing or adding a sample: <c>WORKFLOWS_WRITE_DIAGRAMS=1 dotnet test tests/Workflows.Samples.Tests --filter SampleDiagramTests</c>
/// rewrites the files; review them in the diff.
/// </summary>
public sealed class SampleDiagramTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly bool Write = Environment.GetEnvironmentVariable("WORKFLOWS_WRITE_DIAGRAMS") == "1";

    public static TheoryData<string> Samples() => [.. Registry().All.Select(r => r.Name).Order()];

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_diagram_of_each_sample_matches_its_expectation_file(string workflow)
    {
        var registration = Registry().Find(workflow)!;
        var json = WorkflowDiagramAttribute.Find(registration.WorkflowType);
        Assert.True(json is not null, $"{registration.WorkflowType} has no generated diagram: is Workflows.Sdk.Analyzers referenced as an analyzer?");
        var actual = JsonNode.Parse(json)!.ToJsonString(Indented) + "\n";
        var file = Path.Combine(ExpectationFolder(), workflow + ".json");
        if (Write)
            File.WriteAllText(file, actual);

        Assert.True(File.Exists(file), $"No expectation {file}; run with WORKFLOWS_WRITE_DIAGRAMS=1 to write it.");
        Assert.Equal(File.ReadAllText(file), actual);
    }

    [Fact]
    public void Every_expectation_file_belongs_to_a_sample()
    {
        var samples = Registry().All.Select(r => r.Name).ToHashSet();
        var stale = Directory.GetFiles(ExpectationFolder(), "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => !samples.Contains(n!));
        Assert.Empty(stale);
    }

    [Fact]
    public void The_samples_show_every_kind_of_group()
    {
        var kinds = Registry().All
            .Select(r => JsonNode.Parse(WorkflowDiagramAttribute.Find(r.WorkflowType) ?? "{}")!)
            .SelectMany(d => Kinds(d["nodes"]))
            .ToHashSet();

        foreach (var kind in new[] { "Start", "End", "StepDo", "StepSleep", "StepWaitForEvent", "Loop", "If", "Switch", "Parallel", "Try", "FunctionCall", "Return" })
            Assert.Contains(kind, kinds);
    }

    private static IEnumerable<string> Kinds(JsonNode? nodes) =>
        nodes?.AsArray().SelectMany(n => new[] { n!["kind"]!.GetValue<string>() }
            .Concat(Kinds(n["children"]))
            .Concat(n["branches"]?.AsArray().SelectMany(b => Kinds(b!["children"])) ?? [])) ?? [];

    private static WorkflowRegistry Registry()
    {
        var services = new ServiceCollection();
        services.AddWorkflowRuntime().AddSampleWorkflows();
        return services.BuildServiceProvider().GetRequiredService<WorkflowRegistry>();
    }

    private static string ExpectationFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Diagrams");
}
