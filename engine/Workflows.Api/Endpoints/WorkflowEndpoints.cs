using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Client.Models;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>/api/workflows</c>: the workflows Executors have registered.</summary>
internal static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflows(this RouteGroupBuilder api)
    {
        api.MapGet("/workflows", ListAsync)
            .WithName("ListWorkflows")
            .WithTags("Workflows")
            .WithSummary("Lists the workflows that Executors have registered.");
        return api;
    }

    private static async Task<Ok<List<WorkflowSummary>>> ListAsync(IDbContextFactory<WorkflowsDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workflows = await db.WorkflowDefinitions.AsNoTracking()
            .OrderBy(w => w.Name)
            .Select(w => new WorkflowSummary(w.Name, w.FirstSeenAt, w.LastSeenAt))
            .ToListAsync(ct);
        return TypedResults.Ok(workflows);
    }
}
