using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Runtime;

/// <summary>Adds workflows and a history store to the runtime; returned by <c>AddWorkflowRuntime</c>.</summary>
/// <param name="services">The service collection.</param>
public sealed class WorkflowRuntimeBuilder(IServiceCollection services)
{
    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>Registers a workflow class (built per run through DI, constructor injection).</summary>
    /// <typeparam name="TWorkflow">A class deriving from <c>WorkflowEntrypoint&lt;TParams&gt;</c>.</typeparam>
    /// <returns>This builder.</returns>
    public WorkflowRuntimeBuilder AddWorkflow<TWorkflow>()
        where TWorkflow : class
    {
        var registration = WorkflowRegistration.Create<TWorkflow>();
        Services.AddSingleton(registration);
        Services.TryAddTransient<TWorkflow>();
        return this;
    }

    /// <summary>Keeps history in memory (tests, the one-process demo); replaces nothing already registered.</summary>
    /// <returns>This builder.</returns>
    public WorkflowRuntimeBuilder UseInMemoryHistoryStore()
    {
        Services.TryAddSingleton<InMemoryHistoryStore>();
        Services.TryAddSingleton<IHistoryStore>(sp => sp.GetRequiredService<InMemoryHistoryStore>());
        return this;
    }
}
