using Workflows.Hosting;

namespace Workflows.Dashboard;

/// <summary>The dashboard's pages and its two assets, mapped after the Api's routes.</summary>
internal sealed class DashboardEndpoints : IWorkflowsEndpoints
{
    public void Map(WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        DashboardAssets.Map(app);
    }
}
