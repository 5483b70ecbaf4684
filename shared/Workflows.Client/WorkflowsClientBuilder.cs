using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Client;

/// <summary>What <see cref="WorkflowsClientServiceCollectionExtensions.AddWorkflowsClient(IServiceCollection)"/> returns: more of the client's parts (lifecycle observers, say) are added through it.</summary>
/// <param name="Services">The service collection the client is registered in.</param>
public sealed record WorkflowsClientBuilder(IServiceCollection Services);
