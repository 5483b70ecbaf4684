using Microsoft.AspNetCore.Builder;

namespace Workflows.Hosting;

/// <summary>A part's HTTP surface, mapped by <see cref="WorkflowsHostingExtensions.MapWorkflows"/>.</summary>
public interface IWorkflowsEndpoints
{
    void Map(WebApplication app);
}
