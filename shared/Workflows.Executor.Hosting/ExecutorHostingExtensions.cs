using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workflows.Executor.Hosting.Consumers;
using Workflows.Persistence;
using Workflows.Runtime;
using Workflows.ServiceDefaults;

namespace Workflows.Executor.Hosting;

public static class ExecutorHostingExtensions
{
    /// <summary>
    /// Makes this process a Workflows Executor: it takes ExecuteInstance messages from RabbitMQ and runs the workflows
    /// registered on the returned builder (<c>.AddWorkflow&lt;T&gt;()</c>), with history in PostgreSQL.
    /// Settings: sections <c>Executor</c> (<see cref="ExecutorOptions"/>) and <c>Workflows</c> (limits).
    /// </summary>
    public static WorkflowRuntimeBuilder AddWorkflowExecutor(this IHostApplicationBuilder builder)
    {
        // Before the bus: the schema must be migrated before the first message is consumed.
        builder.Services.AddWorkflowsPersistence();
        builder.AddServiceDefaults(x => x.AddWorkflowExecutorConsumers());
        builder.Services.TryAddSingleton<IInstanceLeases, PostgresInstanceLeases>();
        return builder.Services.AddWorkflowExecutorServices();
    }

    /// <summary>The bus side: ExecuteInstance, and pause/terminate/restart signals on this process's temporary queue.</summary>
    public static IBusRegistrationConfigurator AddWorkflowExecutorConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ExecuteInstanceConsumer, ExecuteInstanceConsumerDefinition>();
        bus.AddConsumer<RunControlConsumer>().Endpoint(e => e.Temporary = true);
        return bus;
    }

    /// <summary>
    /// The process side: settings, the run registry, the workflow catalog and the runtime. Needs an <c>IHistoryStore</c>,
    /// a <c>WorkflowsDbContext</c> factory and an <see cref="IInstanceLeases"/>; the Executor's own are PostgreSQL's.
    /// </summary>
    public static WorkflowRuntimeBuilder AddWorkflowExecutorServices(this IServiceCollection services)
    {
        services.AddOptions<ExecutorOptions>().BindConfiguration(ExecutorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RunRegistry>();
        services.AddHostedService<WorkflowCatalogPublisher>();
        services.AddHostedService<RunDrainer>();
        var runtime = services.AddWorkflowRuntime();
        services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.Section);
        return runtime;
    }
}
