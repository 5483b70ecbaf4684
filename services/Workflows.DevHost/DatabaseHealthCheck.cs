using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflows.Persistence;

namespace Workflows.DevHost;

/// <summary>Healthy when the SQLite file answers.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<WorkflowsDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The SQLite database cannot be opened.");
    }
}
