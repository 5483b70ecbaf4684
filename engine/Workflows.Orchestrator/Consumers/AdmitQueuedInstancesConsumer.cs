using MassTransit;
using Workflows.Contracts;
using Workflows.Orchestrator.Admission;

namespace Workflows.Orchestrator.Consumers;

/// <summary>Admits a workflow's queued instances its limits have room for (a request may be stale or repeated: admission recounts).</summary>
public sealed class AdmitQueuedInstancesConsumer(InstanceAdmitter admitter) : IConsumer<AdmitQueuedInstances>
{
    public Task Consume(ConsumeContext<AdmitQueuedInstances> context) => admitter.AdmitAsync(context.Message.Workflow, context);
}
