using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Workflows.Runtime;

/// <summary>DI registration of the runtime.</summary>
public static class WorkflowRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry, the runner, options (validated on start) and <see cref="TimeProvider.System"/>
    /// unless a <see cref="TimeProvider"/> is registered. Add a history store with the builder or register an <see cref="IHistoryStore"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional options changes.</param>
    /// <returns>A builder to add workflows with.</returns>
    public static WorkflowRuntimeBuilder AddWorkflowRuntime(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkflowRuntimeOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.ValidateOnStart();
        // The same instance type the engine's AddValidatedOptions adds, so TryAddEnumerable keeps one and a problem is reported once.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowRuntimeOptions>>(
            new SectionSettings<WorkflowRuntimeOptions>(WorkflowRuntimeOptions.Section)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowRegistry>();
        services.TryAddSingleton<WorkflowRunner>();
        return new WorkflowRuntimeBuilder(services);
    }
}
