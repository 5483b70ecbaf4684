using MassTransit;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Orchestrator.Admission;

/// <summary>
/// Asks for admission whenever a flow-controlled instance frees a slot (leaves <c>Running</c>/<c>WaitingForPause</c> however:
/// completed, errored, terminated, waiting, paused) or joins the queue. One place for every transition, so no path leaks a
/// slot; the saga endpoint's outbox sends the request after the commit, when the count is already lower.
/// </summary>
public sealed class AdmissionStateObserver : IStateObserver<WorkflowInstance>
{
    private static readonly Uri AdmissionQueue = QueueNames.Address(QueueNames.AdmitInstances);

    public async Task StateChanged(BehaviorContext<WorkflowInstance> context, State currentState, State previousState)
    {
        if (!context.Saga.FlowControlled)
            return;
        var freed = previousState is not null && InstanceStates.HoldingSlot.Contains(previousState.Name) && !InstanceStates.HoldingSlot.Contains(currentState.Name);
        if (freed || currentState.Name == InstanceStates.Queued)
            await context.Send(AdmissionQueue, new AdmitQueuedInstances(context.Saga.Workflow));
    }
}
