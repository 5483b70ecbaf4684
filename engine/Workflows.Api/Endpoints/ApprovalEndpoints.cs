using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Sdk;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary>
/// <c>/api/workflows/{workflow}/instances/{id}/approve|reject</c>: the event <c>approval</c> with
/// <c>{ approved, reason, metadata, by }</c>, <c>by</c> being the caller's key name, which <c>step.WaitForApproval</c> reads.
/// </summary>
internal static class ApprovalEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxReasonLength = 1024;
    private const string Shape = "a JSON object such as {\"reason\": \"looks good\", \"metadata\": {\"ticket\": \"T-1\"}}";

    public static RouteGroupBuilder MapApprovals(this RouteGroupBuilder api)
    {
        var instance = api.MapGroup("/workflows/{workflow}/instances/{id}").WithTags("Events");
        instance.MapPost("/approve", (HttpContext http, [AsParameters] ApprovalRoute route) => DecideFromBodyAsync(http, route, approved: true))
            .WithName("ApproveInstance")
            .WithSummary("Sends the event 'approval' with {approved: true, reason, metadata, by}; by is the API key's name. The body {reason?, metadata?} is optional.")
            .Decisions();
        instance.MapPost("/reject", (HttpContext http, [AsParameters] ApprovalRoute route) => DecideFromBodyAsync(http, route, approved: false))
            .WithName("RejectInstance")
            .WithSummary("Sends the event 'approval' with {approved: false, reason, metadata, by}; step.WaitForApproval throws WorkflowRejectedException.")
            .Decisions();
        return api;
    }

    private static RouteHandlerBuilder Decisions(this RouteHandlerBuilder route) => route
        .Accepts<ApprovalRequest>("application/json")
        .Produces<EventSent>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Accepted<EventSent>> DecideFromBodyAsync(HttpContext http, ApprovalRoute route, bool approved)
    {
        if (route.IdempotencyKey is not null && InputRules.EventId(route.IdempotencyKey) is { } badKey)
            throw ProblemException.BadRequest($"The Idempotency-Key header is not a valid event id: {badKey}");
        var body = await JsonBody.ReadAsync(http.Request, MaxBodyBytes, "body", route.Aborted);
        if (!body.IsEmpty)
            JsonBody.Check(body, "Body", MaxBodyBytes);
        var request = body.IsEmpty ? new ApprovalRequest() : JsonBody.Deserialize<ApprovalRequest>(body, route.Json.Value.SerializerOptions, Shape);
        var by = http.User.Identity?.Name ?? "api";
        var sent = await DecideAsync(route.Workflow, route.Id, approved, request, by, route.IdempotencyKey, route.Dbs, route.Client, route.Limits.Value, route.Api.Value, route.Aborted);
        return TypedResults.Accepted((string?)null, sent);
    }

    /// <summary>Approves or rejects (the API's routes and the dashboard's buttons): checks the request, then delivers the <c>approval</c> event.</summary>
    internal static Task<EventSent> DecideAsync(
        string workflow, string id, bool approved, ApprovalRequest request, string by, string? idempotencyKey,
        IDbContextFactory<WorkflowsDbContext> dbs, IRequestClient<SendEvent> client, WorkflowRuntimeOptions limits, ApiOptions api, CancellationToken ct)
    {
        if (request.Reason is { Length: > MaxReasonLength })
            throw ProblemException.BadRequest($"reason is {request.Reason.Length} characters; at most {MaxReasonLength} are allowed.");
        if (request.Metadata is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) } metadata)
            throw ProblemException.BadRequest($"metadata must be a JSON object, not {metadata.ValueKind.ToString().ToLowerInvariant()}.");
        var metadataObject = request.Metadata is { ValueKind: JsonValueKind.Object } m ? m : (JsonElement?)null;
        var decision = new ApprovalDecision(approved, request.Reason, metadataObject, by);
        var payload = JsonSerializer.SerializeToUtf8Bytes(decision, WorkflowJson.Options);
        return EventEndpoints.DeliverAsync(workflow, id, ApprovalDecision.EventType, idempotencyKey, payload, dbs, client, limits, api, ct);
    }

    /// <summary>The parameters both routes bind.</summary>
    internal sealed record ApprovalRoute(
        string Workflow,
        string Id,
        [property: FromHeader(Name = "Idempotency-Key")] string? IdempotencyKey,
        IDbContextFactory<WorkflowsDbContext> Dbs,
        IRequestClient<SendEvent> Client,
        IOptions<WorkflowRuntimeOptions> Limits,
        IOptions<ApiOptions> Api,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> Json,
        CancellationToken Aborted);
}
