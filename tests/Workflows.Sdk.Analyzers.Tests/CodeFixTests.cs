using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Workflows.Sdk.Analyzers.Determinism;
using Workflows.Sdk.CodeFixes;

namespace Workflows.Sdk.Analyzers.Tests;

/// <summary>The obvious fixes: read the clock or a new Guid inside a step; drop ConfigureAwait(false).</summary>
public sealed class CodeFixTests
{
    [Theory]
    [InlineData(
        "var createdAt = {|WF1001:DateTime.UtcNow|};",
        "var createdAt = await step.Do(\"created-at\", _ => Task.FromResult(DateTime.UtcNow));")]
    [InlineData(
        "var id = {|WF1002:Guid.NewGuid()|};",
        "var id = await step.Do(\"id\", _ => Task.FromResult(Guid.NewGuid()));")]
    [InlineData(
        "var day = {|WF1001:DateTime.UtcNow|}.Date;",
        "var day = (await step.Do(\"now\", _ => Task.FromResult(DateTime.UtcNow))).Date;")]
    public Task A_clock_read_or_a_new_guid_is_wrapped_in_step_Do(string before, string after) =>
        Verify<WrapInStepCodeFix>(before, after);

    [Fact]
    public Task ConfigureAwait_false_is_removed() =>
        Verify<RemoveConfigureAwaitCodeFix>(
            "await {|WF1005:step.Sleep(\"nap\", 1000).ConfigureAwait(false)|};",
            "await step.Sleep(\"nap\", 1000);");

    private static Task Verify<TFix>(string before, string after)
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<DeterminismAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = WorkflowSource.Workflow(before),
            FixedCode = WorkflowSource.Workflow(after),
            ReferenceAssemblies = WorkflowSource.NoPackages,
        };
        test.TestState.AdditionalReferences.AddRange(WorkflowSource.References);
        test.FixedState.AdditionalReferences.AddRange(WorkflowSource.References);
        return test.RunAsync();
    }
}
