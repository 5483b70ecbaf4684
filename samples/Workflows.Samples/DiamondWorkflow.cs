using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// A diamond graph: <c>a</c> = 1; <c>b</c> = a + 1 and <c>c</c> = a + 2, both depending on <c>a</c>; <c>d</c> = b + c,
/// depending on both (started concurrently). Output <c>{ "d": 5, "aRuns": 1 }</c>, where <c>aRuns</c> is the attempt count
/// of <c>a</c>'s step. Each node body writes one row to the <see cref="SideEffectLedger"/>, so a test can count executions.
/// </summary>
[Workflow("diamond")]
public sealed class DiamondWorkflow(SideEffectLedger ledger) : WorkflowEntrypoint<DiamondParams?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<DiamondParams?> evt, IWorkflowStep step, CancellationToken ct)
    {
        var work = evt.Payload?.NodeMilliseconds ?? 0;
        async Task<int> NodeAsync(string node, int value, CancellationToken stepCt)
        {
            await Task.Delay(work, stepCt);
            await ledger.RecordAsync(evt.InstanceId, node, StepContext.Current?.Attempt ?? 0, stepCt);
            return value;
        }

        var dag = step.Graph();
        var a = dag.Do("a", stepCt => NodeAsync("a", 1, stepCt));
        var b = dag.Do("b", a, (x, stepCt) => NodeAsync("b", x + 1, stepCt));
        var c = dag.Do("c", a, (x, stepCt) => NodeAsync("c", x + 2, stepCt));
        var d = dag.Do("d", b, c, (x, y, stepCt) => NodeAsync("d", x + y, stepCt), concurrent: true);
        return new { d = await d, aRuns = a.Attempts };
    }
}
