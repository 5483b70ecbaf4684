using System.Collections.Concurrent;
using Workflows.Runtime;

namespace Workflows.TestKit;

/// <summary>
/// Children of <c>step.Invoke</c> in a test: a workflow mocked by name answers at once; a registered one runs in the
/// environment to its end (time skipped) and its outcome goes to the parent's inbox, as the Orchestrator would send it.
/// </summary>
internal sealed class TestChildStarter(WorkflowTestEnvironment env) : IChildWorkflowStarter
{
    private readonly ConcurrentDictionary<string, Func<(string? OutputJson, WorkflowError? Error)>> mocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> started = new(StringComparer.Ordinal);

    public void Mock(string workflow, Func<(string? OutputJson, WorkflowError? Error)> outcome) => mocks[workflow] = outcome;

    public async Task<string?> StartAsync(ChildStart child, CancellationToken ct)
    {
        // Idempotent by id, like the engine's create.
        if (!started.TryAdd(child.InstanceId, true))
            return null;
        if (mocks.TryGetValue(child.Workflow, out var mock))
        {
            var (output, error) = mock();
            await env.DeliverChildOutcomeAsync(child.ParentInstanceId, child.InstanceId, output, error).ConfigureAwait(false);
            return null;
        }
        return await env.RunChildAsync(child).ConfigureAwait(false);
    }
}
