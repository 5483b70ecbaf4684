using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Client;

/// <summary>Registers the Workflows client in a service collection.</summary>
public static class WorkflowsClientServiceCollectionExtensions
{
    /// <summary>Registers the typed Workflows client; returns a builder for the client's other parts.</summary>
    public static WorkflowsClientBuilder AddWorkflowsClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new WorkflowsClientBuilder(services);
    }
}
