using Workflows.Hosting;

namespace Workflows.Api;

/// <summary>The Api's HTTP surface, mapped with the rest of the process's endpoints.</summary>
internal sealed class ApiEndpoints : IWorkflowsEndpoints
{
    public void Map(WebApplication app) => app.MapApi();
}
