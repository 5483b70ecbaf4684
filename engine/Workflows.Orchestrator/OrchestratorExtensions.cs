using MassTransit;
using Workflows.Contracts;
using Workflows.Hosting;
using Workflows.Orchestrator.Admission;
using Workflows.Orchestrator.Callbacks;
using Workflows.Orchestrator.Consumers;
using Workflows.Orchestrator.Metrics;
using Workflows.Orchestrator.Outbox;
using Workflows.Orchestrator.Reconciliation;
using Workflows.Orchestrator.Sagas;
using Workflows.Orchestrator.StateMachines;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Orchestrator;

public static class OrchestratorExtensions
{
    private const string Part = "orchestrator";

    /// <summary>
    /// The Orchestrator: the instance saga (EF Core repository on <see cref="WorkflowsDbContext"/>), instance creation,
    /// the reconciler, the retention purge, the outbox relay of lifecycle events and the callback deliverer; settings in
    /// sections <c>Orchestrator</c> and <c>Workflows:Callbacks</c>. The saga's timers go through the
    /// process's message scheduler (the Scheduler service's, or the embedded bus's delayed one).
    /// </summary>
    public static WorkflowsBuilder AddOrchestrator(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        builder.AddStorage();
        builder.Services.AddValidatedOptions<OrchestratorOptions>(OrchestratorOptions.Section);
        builder.Services.AddValidatedOptions<WorkflowRuntimeOptions>(WorkflowRuntimeOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<HistoryRestarter>();
        builder.Services.AddSingleton<RecordedWorkflowLimits>();
        builder.Services.AddSingleton<InstanceAdmitter>();
        builder.Services.AddHostedService<InstanceReconciler>();
        builder.Services.AddHostedService<RetentionPurger>();
        builder.Services.AddHostedService<InstanceCountsGauge>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.ConfigureInfrastructure((infrastructure, services) =>
        {
            if (infrastructure.Embedded)
            {
                services.AddSingleton<IOutboxWakeups, PollingOutboxWakeups>();
                return;
            }
            services.AddSingleton<PostgresOutboxWakeups>();
            services.AddSingleton<IOutboxWakeups>(sp => sp.GetRequiredService<PostgresOutboxWakeups>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresOutboxWakeups>());
        });
        builder.Services.AddValidatedOptions<CallbackOptions>(CallbackOptions.Section);
        builder.Services.AddHttpClient(CallbackDeliverer.HttpClientName);
        builder.Services.AddHostedService<CallbackDeliverer>();
        // The saga's second queue (commands, wake-ups): sent to, never bound to an exchange, so nothing arrives twice.
        builder.AddReceiveEndpoint(QueueNames.WorkflowInstancePrompt, (context, e) =>
        {
            e.ConfigureConsumeTopology = false;
            e.ConfigureSaga<WorkflowInstance>(context);
        });
        return builder.ConfigureBus(bus =>
        {
            bus.AddSagaStateMachine<WorkflowInstanceStateMachine, WorkflowInstance, WorkflowInstanceStateMachineDefinition>()
                .EntityFrameworkRepository<WorkflowInstance, WorkflowsDbContext>();
            bus.AddConsumer<CreateInstancesConsumer, CreateInstancesConsumerDefinition>();
            bus.AddConsumer<ParentClosedConsumer>();
            bus.AddConsumer<AdmitQueuedInstancesConsumer, AdmitQueuedInstancesConsumerDefinition>();
        });
    }
}
