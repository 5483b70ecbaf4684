using MassTransit;
using Workflows.Orchestrator.Consumers;
using Workflows.Orchestrator.Reconciliation;
using Workflows.Orchestrator.StateMachines;
using Workflows.Persistence;
using Workflows.Persistence.Sagas;
using Workflows.ServiceDefaults;

namespace Workflows.Orchestrator;

public static class OrchestratorExtensions
{
    /// <summary>
    /// The Orchestrator service: its parts (<see cref="AddOrchestratorConsumers"/>, <see cref="AddOrchestratorServices"/>)
    /// on PostgreSQL and RabbitMQ, with timers through the Scheduler service.
    /// </summary>
    public static WebApplicationBuilder AddOrchestrator(this WebApplicationBuilder builder)
    {
        // Before the bus: the schema must be migrated before the first message is consumed.
        builder.Services.AddWorkflowsPersistence();
        builder.AddServiceDefaults(x =>
        {
            x.AddWorkflowsScheduler();
            x.AddOrchestratorConsumers();
        });
        builder.Services.AddOrchestratorServices();
        return builder;
    }

    /// <summary>
    /// The bus side: the instance saga (EF Core repository on <see cref="WorkflowsDbContext"/>) and instance creation.
    /// The saga's timers need a message scheduler on the bus (the Scheduler service's, or a transport's delayed one).
    /// </summary>
    public static IBusRegistrationConfigurator AddOrchestratorConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddSagaStateMachine<WorkflowInstanceStateMachine, WorkflowInstance, WorkflowInstanceStateMachineDefinition>()
            .EntityFrameworkRepository<WorkflowInstance, WorkflowsDbContext>();
        bus.AddConsumer<CreateInstancesConsumer, CreateInstancesConsumerDefinition>();
        return bus;
    }

    /// <summary>
    /// The process side: settings (section <c>Orchestrator</c>), the reconciler and the retention purge. Needs a
    /// <see cref="WorkflowsDbContext"/> factory and an <c>IHistoryStore</c> (<c>AddWorkflowsPersistence</c> or its SQLite twin).
    /// </summary>
    public static IServiceCollection AddOrchestratorServices(this IServiceCollection services)
    {
        services.AddOptions<OrchestratorOptions>().BindConfiguration(OrchestratorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<HistoryRestarter>();
        services.AddHostedService<InstanceReconciler>();
        services.AddHostedService<RetentionPurger>();
        return services;
    }
}
