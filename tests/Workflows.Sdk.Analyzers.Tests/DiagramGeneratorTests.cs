using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workflows.Sdk.Analyzers.Diagrams;

namespace Workflows.Sdk.Analyzers.Tests;

/// <summary>The graph the generator builds from a workflow's code, read back from the attribute it emits.</summary>
public sealed class DiagramGeneratorTests
{
    [Fact]
    public void Steps_are_drawn_in_order_with_their_kind_name_as_written_and_lines()
    {
        var diagram = Diagram(WorkflowSource.Workflow("""
                    var a = await step.Do("fetch", _ => Task.FromResult(1));
                    await step.Sleep($"nap-{a}", "1 second");
                    await step.SleepUntil(evt.Payload, evt.Timestamp.AddDays(1));
                    var approval = await step.WaitForEvent<string>("approval", new WaitForEventOptions { Type = "approval" });
            """));

        Assert.Equal("TestWorkflow", diagram["class"]!.GetValue<string>());
        Assert.Equal("Test0.cs", diagram["file"]!.GetValue<string>());
        var nodes = diagram["nodes"]!.AsArray();
        Assert.Equal(["Start", "StepDo", "StepSleep", "StepSleepUntil", "StepWaitForEvent", "Return", "End"], Kinds(nodes));
        Assert.Equal(("fetch", "constant"), Name(nodes[1]));
        Assert.Equal(("nap-{a}", "interpolated"), Name(nodes[2]));
        Assert.Equal(("evt.Payload", "expression"), Name(nodes[3]));
        Assert.Equal(("approval", "constant"), Name(nodes[4]));
        Assert.Equal(14, nodes[1]!["line"]!.GetValue<int>());
        Assert.Equal(17, nodes[4]!["endLine"]!.GetValue<int>());
    }

    [Fact]
    public void Unawaited_step_tasks_joined_by_Task_WhenAll_are_one_parallel_node()
    {
        var nodes = Diagram(WorkflowSource.Workflow("""
                    var a = step.Do("a", _ => Task.FromResult(1));
                    var b = step.Do("b", _ => Task.FromResult(2));
                    await step.Do("before-join", _ => Task.FromResult(0));
                    await Task.WhenAll(a, b);
                    var all = await Task.WhenAll(new[] { 1, 2, 3 }.Select(i => step.Do($"item-{i}", _ => Task.FromResult(i))));
            """))["nodes"]!.AsArray();

        Assert.Equal(["Start", "StepDo", "Parallel", "Parallel", "Return", "End"], Kinds(nodes));
        Assert.Equal(["a", "b"], nodes[2]!["children"]!.AsArray().Select(n => Name(n).Name));
        Assert.Equal(("item-{i}", "interpolated"), Name(nodes[3]!["children"]![0]));
    }

    [Fact]
    public void Step_tasks_started_before_either_is_awaited_are_one_parallel_node_and_a_single_one_stays_in_place()
    {
        var nodes = Diagram(WorkflowSource.Workflow("""
                    var a = step.Do("a", _ => Task.FromResult(1));
                    var b = step.Do("b", _ => Task.FromResult(2));
                    var sum = await a + await b;
                    var c = step.Do("c", _ => Task.FromResult(3));
                    await step.Do("d", _ => Task.FromResult(4));
                    await c;
            """))["nodes"]!.AsArray();

        Assert.Equal(["Start", "Parallel", "StepDo", "StepDo", "Return", "End"], Kinds(nodes));
        Assert.Equal("started together", nodes[1]!["label"]!.GetValue<string>());
        Assert.Equal(["a", "b"], nodes[1]!["children"]!.AsArray().Select(n => Name(n).Name));
        Assert.Equal(["d", "c"], new[] { Name(nodes[2]).Name, Name(nodes[3]).Name });
    }

    [Fact]
    public void Loops_branches_try_and_switch_are_groups_and_those_without_steps_or_exits_are_left_out()
    {
        var nodes = Diagram(WorkflowSource.Workflow("""
                    var n = 0;
                    while (n < 3) { n++; }
                    for (var i = 0; i < 2; i++)
                        await step.Do("loop", _ => Task.FromResult(i));
                    if (n > 1)
                        await step.Do("big", _ => Task.FromResult(1));
                    else if (n == 0)
                        throw new InvalidOperationException("none");
                    try { await step.Do("risky", _ => Task.FromResult(1)); }
                    catch (TimeoutException) when (n > 0) { await step.Do("recover", _ => Task.FromResult(1)); }
                    finally { await step.Sleep("cool-down", 5); }
                    switch (evt.Payload)
                    {
                        case "a": case "b": await step.Do("ab", _ => Task.FromResult(1)); break;
                        default: return "other";
                    }
            """))["nodes"]!.AsArray();

        Assert.Equal(["Start", "Loop", "If", "Try", "Switch", "Return", "End"], Kinds(nodes));
        Assert.Equal("for (var i = 0; i < 2; i++)", nodes[1]!["label"]!.GetValue<string>());
        var ifBranches = nodes[2]!["branches"]!.AsArray();
        Assert.Equal(["then", "else"], ifBranches.Select(b => b!["label"]!.GetValue<string>()));
        Assert.Equal(["If"], Kinds(ifBranches[1]!["children"]!.AsArray()));
        Assert.Equal(["try", "catch (TimeoutException) when (n > 0)", "finally"], nodes[3]!["branches"]!.AsArray().Select(b => b!["label"]!.GetValue<string>()));
        var cases = nodes[4]!["branches"]!.AsArray();
        Assert.Equal(["case \"a\": case \"b\":", "default:"], cases.Select(b => b!["label"]!.GetValue<string>()));
        Assert.Equal("\"other\"", cases[1]!["children"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void Methods_and_local_functions_of_the_workflow_are_followed_once_and_callbacks_are_not_entered()
    {
        var nodes = Diagram(WorkflowSource.Workflow(
            """
                    await ChargeAsync(step, 1);
                    await Notify();
                    await step.Do("work", _ => Helper());
                    async Task Notify() => await step.Do("notify", _ => Task.FromResult(1));
            """,
            """
                private async Task<int> ChargeAsync(IWorkflowStep step, int attempt) =>
                    attempt > 3 ? 0 : await step.Do("charge", _ => Task.FromResult(1)) + await ChargeAsync(step, attempt + 1);
                private static async Task<int> Helper() { await Task.Yield(); return 1; }
            """))["nodes"]!.AsArray();

        Assert.Equal(["Start", "FunctionCall", "FunctionCall", "StepDo", "Return", "End"], Kinds(nodes));
        Assert.Equal("ChargeAsync", nodes[1]!["name"]!.GetValue<string>());
        Assert.Equal(["StepDo", "Return"], Kinds(nodes[1]!["children"]!.AsArray()));
        Assert.Equal("Notify", nodes[2]!["name"]!.GetValue<string>());
        Assert.Equal(("work", "constant"), Name(nodes[3]));
    }

    [Fact]
    public void Only_concrete_workflow_classes_get_a_diagram()
    {
        var source = WorkflowSource.Usings + """
            public abstract class Base : WorkflowEntrypoint<int>
            {
                public override async Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct) => await step.Do("x", _ => Task.FromResult(1));
            }
            public sealed class NotAWorkflow
            {
                public Task<object?> RunAsync() => Task.FromResult<object?>(null);
            }
            public sealed class Plain : WorkflowEntrypoint<int>
            {
                public override Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct) => Task.FromResult<object?>(evt.Payload);
            }
            """;

        var emitted = Generate(source);

        Assert.Equal(["global::Plain"], emitted.Select(e => e.Type));
    }

    [Fact]
    public void A_dag_node_names_the_nodes_it_depends_on_and_says_nothing_when_one_cannot_be_traced()
    {
        var nodes = Diagram(WorkflowSource.Workflow("""
                    var dag = step.Graph();
                    var a = dag.Do("a", _ => 1);
                    var b = dag.Do("b", a, (x, _) => x + 1);
                    var c = dag.Do($"c-{evt.InstanceId}", a, (x, _) => x + 2);
                    var d = dag.Do("d", b, c, (x, y, _) => x + y);
                    var e = dag.Do("e", evt.Payload is null ? a : b, (x, _) => x);
                    await d;
            """))["nodes"]!.AsArray();

        Assert.Equal(["Start", "StepDo", "StepDo", "StepDo", "StepDo", "StepDo", "Return", "End"], Kinds(nodes));
        Assert.Null(nodes[1]!["dependsOn"]);
        Assert.Equal(["a"], DependsOn(nodes[2]));
        Assert.Equal(["a"], DependsOn(nodes[3]));
        Assert.Null(nodes[4]!["dependsOn"]);
        // d is awaited later, so it is drawn where it is awaited, after e.
        Assert.Equal(["b", "c-{evt.InstanceId}"], DependsOn(nodes[5]));
        Assert.Null(Diagram(WorkflowSource.Workflow("await step.Do(\"plain\", _ => Task.FromResult(1));"))["nodes"]![1]!["dependsOn"]);
    }

    [Fact]
    public void The_emitted_attribute_compiles_and_holds_the_json()
    {
        var compilation = Compile(WorkflowSource.Workflow("await step.Do(\"only\", _ => Task.FromResult(1));"));
        CSharpGeneratorDriver.Create(new WorkflowDiagramGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var attribute = Assert.Single(output.Assembly.GetAttributes(), a => a.AttributeClass?.Name == nameof(WorkflowDiagramAttribute));
        Assert.Equal("TestWorkflow", ((INamedTypeSymbol)attribute.ConstructorArguments[0].Value!).Name);
        Assert.Contains("\"name\":\"only\"", (string)attribute.ConstructorArguments[1].Value!, StringComparison.Ordinal);
    }

    private static JsonNode Diagram(string source) => JsonNode.Parse(Assert.Single(Generate(source)).Json)!;

    /// <summary>Each <c>[assembly: WorkflowDiagram(typeof(T), "json")]</c> the generator emits, as (T, json).</summary>
    private static List<(string Type, string Json)> Generate(string source)
    {
        var driver = CSharpGeneratorDriver.Create(new WorkflowDiagramGenerator()).RunGenerators(Compile(source));
        var trees = driver.GetRunResult().GeneratedTrees;
        return trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<AttributeSyntax>())
            .Select(a => (
                ((TypeOfExpressionSyntax)a.ArgumentList!.Arguments[0].Expression).Type.ToString(),
                ((LiteralExpressionSyntax)a.ArgumentList.Arguments[1].Expression).Token.ValueText))
            .ToList();
    }

    private static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create("Tests", [CSharpSyntaxTree.ParseText(source, path: "/src/Test0.cs")], WorkflowSource.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static List<string> DependsOn(JsonNode? node) => node!["dependsOn"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private static List<string> Kinds(JsonArray nodes) => nodes.Select(n => n!["kind"]!.GetValue<string>()).ToList();

    private static (string Name, string Kind) Name(JsonNode? node) => (node!["name"]!.GetValue<string>(), node["nameKind"]!.GetValue<string>());
}
