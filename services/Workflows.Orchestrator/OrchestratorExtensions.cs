using MassTransit;
using Workflows.Orchestrator.Consumers;
using Workflows.Orchestrator.Reconciliation;
using Workflows.Orchestrator.StateMachines;
using Workflows.Persistence;
using Workflows.Persistence.History;
using Workflows.Persistence.Sagas;
using Workflows.Runtime;
using Workflows.ServiceDefaults;

namespace Workflows.Orchestrator;

public static class OrchestratorExtensions
{
    /// <summary>The Orchestrator: the instance saga, instance creation, the reconciler and the retention purge.</summary>
    public static WebApplicationBuilder AddOrchestrator(this WebApplicationBuilder builder)
    {
        // Before the bus: the schema must be migrated before the first message is consumed.
        builder.Services.AddWorkflowsPersistence();
        builder.AddServiceDefaults(x =>
        {
            x.AddWorkflowsScheduler();
            x.AddSagaStateMachine<WorkflowInstanceStateMachine, WorkflowInstance, WorkflowInstanceStateMachineDefinition>()
                .EntityFrameworkRepository<WorkflowInstance, WorkflowsDbContext>();
            x.AddConsumer<CreateInstancesConsumer, CreateInstancesConsumerDefinition>();
        });
        builder.Services.AddOptions<OrchestratorOptions>().BindConfiguration(OrchestratorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IHistoryStore, PostgresHistoryStore>();
        builder.Services.AddScoped<HistoryRestarter>();
        builder.Services.AddHostedService<InstanceReconciler>();
        builder.Services.AddHostedService<RetentionPurger>();
        return builder;
    }
}
