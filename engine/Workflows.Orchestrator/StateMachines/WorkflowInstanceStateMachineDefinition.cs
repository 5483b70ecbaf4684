using MassTransit;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Orchestrator.Sagas;

namespace Workflows.Orchestrator.StateMachines;

/// <summary>
/// The saga endpoint: retry while the database is unreachable (a lost <c>EventAvailable</c> would leave its instance
/// waiting), retry on row conflicts, outbox (messages leave after the commit), one instance's messages in order.
/// </summary>
public sealed class WorkflowInstanceStateMachineDefinition : SagaDefinition<WorkflowInstance>
{
    public WorkflowInstanceStateMachineDefinition(IOptions<OrchestratorOptions> options)
    {
        EndpointName = QueueNames.WorkflowInstance;
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<WorkflowInstance> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = Math.Max(16, (ConcurrentMessageLimit ?? 16) * 2);
        endpointConfigurator.UseDatabaseRetry(context);
        endpointConfigurator.UseSagaConcurrency(sagaConfigurator, context)
            .By<ExecutionCompleted>(m => InstanceIds.Correlation(m.InstanceId))
            .By<ExecutionSuspended>(m => InstanceIds.Correlation(m.InstanceId))
            .By<ExecutionFailed>(m => InstanceIds.Correlation(m.InstanceId))
            .By<ExecutionPaused>(m => InstanceIds.Correlation(m.InstanceId))
            .By<RedispatchInstance>(m => InstanceIds.Correlation(m.InstanceId))
            .By<EventAvailable>(m => InstanceIds.Correlation(m.InstanceId))
            .By<WakeInstance>(m => InstanceIds.Correlation(m.InstanceId))
            .By<PauseInstance>(m => InstanceIds.Correlation(m.InstanceId))
            .By<ResumeInstance>(m => InstanceIds.Correlation(m.InstanceId))
            .By<TerminateInstance>(m => InstanceIds.Correlation(m.InstanceId))
            .By<RestartInstance>(m => InstanceIds.Correlation(m.InstanceId));
    }
}
