using Workflows.Sdk;

namespace Workflows.Runtime.Benchmarks;

/// <summary>100 sequential steps, each returning a small value: the engine's per-step cost with nothing else in the way.</summary>
[Workflow("hundred-steps")]
public sealed class HundredSteps : WorkflowEntrypoint<int>
{
    public const int Steps = 100;

    private static readonly string[] Names = [.. Enumerable.Range(1, Steps).Select(i => $"step {i}")];

    public override async Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct)
    {
        var total = 0;
        for (var i = 0; i < Steps; i++)
        {
            var n = i;
            total += await step.Do(Names[i], _ => Task.FromResult(n));
        }
        return total;
    }
}
