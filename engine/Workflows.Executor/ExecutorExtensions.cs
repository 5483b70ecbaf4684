using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Executor.Claims;
using Workflows.Executor.Consumers;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.EventLog;
using Workflows.Storage.History;

namespace Workflows.Executor;

public static class ExecutorExtensions
{
    private const string Part = "executor";

    /// <summary>
    /// Makes this process an Executor: it takes <c>ExecuteInstance</c> messages and runs the workflows registered with
    /// <see cref="AddWorkflow{TWorkflow}"/>, with their history in the engine's database. Settings: sections <c>Executor</c>
    /// (<see cref="ExecutorOptions"/>) and <c>Workflows</c> (limits).
    /// </summary>
    public static WorkflowsBuilder AddExecutor(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        builder.AddStorage();
        var services = builder.Services;
        services.AddValidatedOptions<ExecutorOptions>(ExecutorOptions.Section);
        services.TryAddSingleton<RunRegistry>();
        services.TryAddSingleton<ExecutorMetrics>();
        services.TryAddSingleton<IChildWorkflowStarter, OrchestratorChildStarter>();
        // Step attempts, sleeps, waits and progress go to the instance's event log (its stream; progress also to observers).
        services.TryAddSingleton<IRunEvents, EntityFrameworkRunEvents>();
        services.AddHostedService<RunDrainer>();
        services.AddWorkflowRuntime();
        services.AddValidatedOptions<WorkflowRuntimeOptions>(WorkflowRuntimeOptions.Section);
        builder.ConfigureInfrastructure((infrastructure, s) =>
        {
            // After the storage's migrator (registered by the same callback order), so the catalog is recorded right after it.
            s.AddHostedService<WorkflowCatalogPublisher>();
            if (infrastructure.Embedded)
            {
                s.TryAddSingleton<IInstanceLeases, EntityFrameworkInstanceLeases>();
                s.TryAddSingleton<IRunClaims, EntityFrameworkRunClaims>();
                return;
            }
            // On PostgreSQL the runs' step outcomes, stream events and lease releases are committed in groups.
            s.TryAddSingleton<RunWriteBatcher>();
            s.TryAddSingleton<PostgresHistoryStore>();
            s.Replace(ServiceDescriptor.Singleton<IHistoryStore, BatchedHistoryStore>());
            s.Replace(ServiceDescriptor.Singleton<IRunEvents, BatchedRunEvents>());
            s.TryAddSingleton<PostgresInstanceLeases>();
            s.TryAddSingleton<IInstanceLeases>(sp => sp.GetRequiredService<PostgresInstanceLeases>());
            s.TryAddSingleton<IRunClaims>(sp => sp.GetRequiredService<PostgresInstanceLeases>());
        });
        return builder.ConfigureBus(bus =>
        {
            bus.AddConsumer<ExecuteInstanceConsumer, ExecuteInstanceConsumerDefinition>();
            bus.AddConsumer<PromptExecuteInstanceConsumer, PromptExecuteInstanceConsumerDefinition>();
            // Pause, terminate and restart signals reach the process that runs the instance, on its own temporary queue.
            bus.AddConsumer<RunControlConsumer>().Endpoint(e => e.Temporary = true);
        });
    }

    /// <summary>Runs <typeparamref name="TWorkflow"/> in this process (adding the Executor part if it is not there yet).</summary>
    public static WorkflowsBuilder AddWorkflow<TWorkflow>(this WorkflowsBuilder builder)
        where TWorkflow : class
    {
        builder.AddExecutor();
        new WorkflowRuntimeBuilder(builder.Services).AddWorkflow<TWorkflow>();
        return builder;
    }
}
