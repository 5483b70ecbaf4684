using MassTransit;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Runtime;

namespace Workflows.Executor;

/// <summary>
/// Starts <c>step.Invoke</c> children by asking the Orchestrator to create them, like the Api does. The child's id is
/// deterministic, so "already in use" means this child was created before (a replay or a retry) and counts as started.
/// </summary>
public sealed class OrchestratorChildStarter(IBus bus, IOptions<ExecutorOptions> options) : IChildWorkflowStarter
{
    private static readonly Uri Creator = QueueNames.Address(QueueNames.CreateInstances);

    /// <inheritdoc />
    public async Task<string?> StartAsync(ChildStart child, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        var client = bus.CreateRequestClient<CreateInstances>(Creator, RequestTimeout.After(ms: (int)options.Value.ReportTimeout.TotalMilliseconds));
        var request = new CreateInstances([new NewInstance(child.Workflow, child.InstanceId, child.ParamsJson, child.ParentInstanceId, child.TerminateWithParent)]);
        // A timeout throws: the run fails as a store failure would, and the ExecuteInstance is delivered again.
        var response = await client.GetResponse<InstancesCreated, InstancesRejected>(request, ct);
        if (response.Is(out Response<InstancesRejected>? rejected))
            return rejected.Message.Code is null && rejected.Message.InstanceIds.Contains(child.InstanceId) ? null : rejected.Message.Reason;
        return null;
    }
}
