using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api;
using Workflows.Api.Diagrams;
using Workflows.Api.Endpoints;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Api.RateLimits;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Dashboard.Pages;

/// <summary>The workflows Executors have registered: each with its counts by status, its diagram and a form to start an instance.</summary>
public sealed class IndexModel(IDbContextFactory<WorkflowsDbContext> dbs) : DashboardPage
{
    internal List<WorkflowCard> Workflows { get; private set; } = [];

    /// <summary>Reads the catalog and the counts (one grouped query over the instances, not one per workflow).</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var definitions = await db.WorkflowDefinitions.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new { w.Name, w.Diagram }).ToListAsync(ct);
        var counts = await db.Instances.AsNoTracking()
            .GroupBy(x => new { x.Workflow, x.CurrentState })
            .Select(g => new { g.Key.Workflow, g.Key.CurrentState, Count = g.Count() })
            .ToListAsync(ct);
        Workflows = [.. definitions.Select(d => new WorkflowCard(
            d.Name,
            d.Diagram is null ? null : DiagramEndpoints.Parse(d.Diagram),
            InstanceStates.All.ToDictionary(InstanceStates.StatusOf,
                s => counts.Where(c => c.Workflow == d.Name && c.CurrentState == s).Sum(c => c.Count))))];
    }

    /// <summary>Starts an instance with the given id (or a generated one) and params JSON, then shows it.</summary>
    public Task<IActionResult> OnPostCreateAsync(
        string workflow, string? id, string? @params, [FromServices] SingleCreates creates,
        [FromServices] IOptions<WorkflowRuntimeOptions> limits, [FromServices] CreationRateLimiter rates, CancellationToken ct)
    {
        string? created = null;
        return ActAsync(async () =>
        {
            var request = new CreateInstanceRequest(string.IsNullOrWhiteSpace(id) ? null : id.Trim(), ParseParams(@params));
            created = (await InstanceEndpoints.CreateOneAsync(workflow, request, dbs, creates, limits.Value, rates, ct)).Id;
            return $"Created instance {created}.";
        }, () => created is null ? RedirectToPage("/Index") : RedirectToPage("/Instance", new { workflow, id = created }));
    }

    private static JsonElement? ParseParams(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text, WorkflowJson.DocumentOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ProblemException.BadRequest($"Params must be JSON: {e.Message}");
        }
    }

    /// <summary>One workflow as the page shows it.</summary>
    internal sealed record WorkflowCard(string Name, WorkflowDiagram? Diagram, Dictionary<string, int> Counts);
}
