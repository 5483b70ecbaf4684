using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Workflows.Hosting;

internal static class PostgresRegistration
{
    /// <summary>One <see cref="NpgsqlDataSource"/> per process, and <c>/health</c> unhealthy while PostgreSQL does not answer.</summary>
    public static void AddPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
    }
}
