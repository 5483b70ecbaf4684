using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflows.Storage;

/// <summary>Unhealthy until this process has seen the schema brought up to date, so a readiness probe waits for the migrations.</summary>
internal sealed class DatabaseSchemaHealthCheck(DatabaseSchema schema) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(schema.IsReady
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The database schema is not up to date yet (its migrations are waiting for the database or for another service's migrator)."));
}
