using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Api.Diagrams;
using Workflows.Api.Http;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>/api/workflows/{workflow}/diagram</c>: the diagram of a workflow's code, as its Executor recorded it.</summary>
internal static class DiagramEndpoints
{
    private static readonly JsonSerializerOptions Reading = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapDiagrams(this RouteGroupBuilder api)
    {
        api.MapGet("/workflows/{workflow}/diagram", GetAsync)
            .WithName("GetWorkflowDiagram")
            .WithTags("Workflows")
            .WithSummary("The diagram generated from the workflow's code: JSON (default), ?format=mermaid or ?format=svg.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["text/vnd.mermaid", "image/svg+xml"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(string workflow, string? format, IDbContextFactory<WorkflowsDbContext> dbs, CancellationToken ct)
    {
        format ??= DiagramFormat.Json;
        if (!DiagramFormat.All.Contains(format, StringComparer.Ordinal))
            throw ProblemException.BadRequest($"format must be one of {string.Join(", ", DiagramFormat.All)}; it is '{format}'.");

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.WorkflowDefinitions.AsNoTracking()
            .Where(w => w.Name == workflow)
            .Select(w => new { w.Diagram })
            .SingleOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound($"No Executor has registered a workflow named '{workflow}'.");
        var stored = row.Diagram
            ?? throw ProblemException.NotFound($"Workflow '{workflow}' has no diagram: its Executor was built without the Workflows.Sdk generator.");

        switch (format)
        {
            case DiagramFormat.Mermaid:
                return TypedResults.Text(MermaidRenderer.Render(Parse(stored)), "text/vnd.mermaid; charset=utf-8");
            case DiagramFormat.Svg:
                return TypedResults.Text(SvgRenderer.Render(workflow, Parse(stored)), "image/svg+xml; charset=utf-8");
            default:
                // The stored document as the generator wrote it, with the workflow's name in front.
                var document = new JsonObject { ["workflow"] = workflow };
                foreach (var (key, value) in JsonNode.Parse(stored)!.AsObject().ToList())
                    document[key] = value?.DeepClone();
                return TypedResults.Text(document.ToJsonString(), "application/json; charset=utf-8");
        }
    }

    /// <summary>A stored diagram document as the renderers read it.</summary>
    internal static WorkflowDiagram Parse(string stored) =>
        JsonSerializer.Deserialize<WorkflowDiagram>(stored, Reading) ?? throw new JsonException("The stored diagram is null.");
}
