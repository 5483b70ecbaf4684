using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Workflows.Sdk.Analyzers.Determinism;

namespace Workflows.Sdk.Analyzers.Tests;

/// <summary>Each pattern that breaks replay is flagged in a workflow body, and nothing is flagged inside a step or outside workflows.</summary>
public sealed class DeterminismAnalyzerTests
{
    [Theory]
    [InlineData("var now = {|WF1001:DateTime.UtcNow|};")]
    [InlineData("var now = {|WF1001:DateTime.Now|};")]
    [InlineData("var today = {|WF1001:DateTime.Today|};")]
    [InlineData("var now = {|WF1001:DateTimeOffset.UtcNow|};")]
    [InlineData("var now = {|WF1001:TimeProvider.System.GetUtcNow()|};")]
    [InlineData("var id = {|WF1002:Guid.NewGuid()|};")]
    [InlineData("var n = {|WF1003:Random.Shared.Next(10)|};")]
    [InlineData("var n = {|WF1003:new Random(42).Next()|};")]
    [InlineData("await {|WF1004:Task.Delay(10)|};")]
    [InlineData("await {|WF1004:Task.Delay(10, ct)|};")]
    [InlineData("{|WF1004:Thread.Sleep(10)|};")]
    [InlineData("var n = await {|WF1004:Task.Run(() => 1)|};")]
    [InlineData("await {|WF1005:step.Sleep(\"nap\", TimeSpan.FromSeconds(1)).ConfigureAwait(false)|};")]
    [InlineData("var x = await {|WF1005:step.Do(\"x\", _ => Task.FromResult(1)).ConfigureAwait(false)|};")]
    [InlineData("var text = await {|WF1006:File.ReadAllTextAsync(\"orders.txt\")|};")]
    [InlineData("var exists = {|WF1006:File.Exists(\"orders.txt\")|};")]
    [InlineData("using var http = new HttpClient(); var page = await {|WF1006:http.GetStringAsync(\"http://127.0.0.1/\")|};")]
    [InlineData("await step.Do({|WF1007:$\"charge-{DateTime.UtcNow.Ticks}\"|}, _ => Task.FromResult(1));")]
    [InlineData("await step.Sleep({|WF1007:\"nap-\" + Guid.NewGuid()|}, 1000);")]
    [InlineData("await step.Do({|WF1007:Random.Shared.Next().ToString()|}, _ => Task.FromResult(1));")]
    public Task A_non_deterministic_call_in_the_body_is_flagged(string body) => Verify(WorkflowSource.Workflow(body));

    [Theory]
    [InlineData("var now = await step.Do(\"now\", _ => Task.FromResult(DateTime.UtcNow));")]
    [InlineData("var id = await step.Do(\"id\", _ => Task.FromResult(Guid.NewGuid()));")]
    [InlineData("await step.Do(\"io\", async c => { await Task.Delay(10, c); return await File.ReadAllTextAsync(\"x\", c); });")]
    [InlineData("await step.Do(\"pause\", c => Task.Run(() => Thread.Sleep(1), c));")]
    [InlineData("for (var i = 0; i < 3; i++) await step.Do($\"item-{i}\", _ => Task.FromResult(i));")]
    [InlineData("var due = evt.Timestamp.AddHours(1); await step.SleepUntil(\"until\", due);")]
    [InlineData("var name = Path.Combine(\"a\", \"b\"); await step.Sleep(name, \"1 second\");")]
    [InlineData("var dag = step.Graph(); var a = dag.Do(\"a\", async c => { await Task.Delay(5, c); return DateTime.UtcNow; }); await dag.Do(\"b\", a, (x, c) => Guid.NewGuid());")]
    [InlineData("await step.Do(\"pay\", null, _ => Task.FromResult(1), rollback: async (ctx, output, error, c) => await Task.Delay(5, c));")]
    public Task Code_inside_step_callbacks_and_deterministic_code_is_not_flagged(string body) => Verify(WorkflowSource.Workflow(body));

    [Fact]
    public Task A_helper_method_the_body_calls_is_checked_and_one_called_only_from_a_step_is_not() =>
        Verify(WorkflowSource.Workflow(
            """
                    var key = NewKey();
                    await step.Do("work", c => WorkAsync(c));
                    await Local();
                    async Task Local() => await {|WF1004:Task.Delay(5)|};
            """,
            """
                private static string NewKey() => {|WF1002:Guid.NewGuid()|}.ToString();
                private static async Task<int> WorkAsync(CancellationToken c) { await Task.Delay(5, c); return 1; }
            """));

    [Fact]
    public Task Classes_that_are_not_workflows_are_not_checked() =>
        Verify(WorkflowSource.Usings + """
            public static class Clock
            {
                public static async Task<DateTime> NowAsync() { await Task.Delay(1).ConfigureAwait(false); return DateTime.UtcNow; }
            }
            """);

    private static Task Verify(string source)
    {
        var test = new CSharpAnalyzerTest<DeterminismAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = WorkflowSource.NoPackages };
        test.TestState.AdditionalReferences.AddRange(WorkflowSource.References);
        return test.RunAsync();
    }
}
