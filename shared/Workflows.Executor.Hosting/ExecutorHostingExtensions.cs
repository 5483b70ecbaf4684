using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workflows.Executor.Hosting.Consumers;
using Workflows.Persistence;
using Workflows.Persistence.History;
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
        builder.AddServiceDefaults(x =>
        {
            x.AddConsumer<ExecuteInstanceConsumer, ExecuteInstanceConsumerDefinition>();
            x.AddConsumer<RunControlConsumer>().Endpoint(e => e.Temporary = true);
        });

        builder.Services.AddOptions<ExecutorOptions>().BindConfiguration(ExecutorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<InstanceLeases>();
        builder.Services.TryAddSingleton<RunRegistry>();
        builder.Services.TryAddSingleton<IHistoryStore, PostgresHistoryStore>();
        builder.Services.AddHostedService<WorkflowCatalogPublisher>();
        builder.Services.AddHostedService<RunDrainer>();
        var runtime = builder.Services.AddWorkflowRuntime();
        builder.Services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.Section);
        return runtime;
    }
}
