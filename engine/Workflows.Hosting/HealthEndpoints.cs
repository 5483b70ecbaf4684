using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflows.Hosting;

/// <summary><c>/alive</c> (the process answers) and <c>/health</c> (its database and bus answer), in every environment.</summary>
internal static class HealthEndpoints
{
    private const string LiveTag = "live";
    private const string Alive = "/alive";
    private const string Health = "/health";

    public static void AddHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(Alive, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks(Health);
    }

    public static bool IsProbe(PathString path) => path.StartsWithSegments(Alive) || path.StartsWithSegments(Health);
}
