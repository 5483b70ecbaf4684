using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Api.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>/api/workflows/{workflow}/instances/{id}/events/{type}</c>: sends an event to an instance.</summary>
internal static class EventEndpoints
{
    private const int MaxTypeLength = 256;
    private const int MaxEventIdLength = 200;

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapPost("/workflows/{workflow}/instances/{id}/events/{type}", SendAsync)
            .WithTags("Events")
            .WithName("SendEvent")
            .WithSummary("Delivers an event (the body, any JSON, is its payload) to the instance; waits buffer it until they ask for its type. Idempotency-Key makes a retry a no-op.")
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Accepted<EventSent>> SendAsync(
        string workflow, string id, string type, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpRequest request,
        IDbContextFactory<WorkflowsDbContext> dbs, IRequestClient<SendEvent> client,
        IOptions<WorkflowRuntimeOptions> limits, IOptions<ApiOptions> api, CancellationToken ct)
    {
        if (type.Length > MaxTypeLength || type.Any(char.IsControl))
            throw ProblemException.BadRequest($"The event type must be 1 to {MaxTypeLength} characters without control characters.");
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxEventIdLength || idempotencyKey.Any(char.IsControl)))
            throw ProblemException.BadRequest($"The Idempotency-Key header must be 1 to {MaxEventIdLength} characters without control characters.");

        var body = await JsonBody.ReadAsync(request, limits.Value.MaxEventPayloadBytes, "event payload", ct);
        var payloadJson = body.IsEmpty ? null : JsonBody.ValidJsonText(body);

        await using (var db = await dbs.CreateDbContextAsync(ct))
            await InstanceLookup.EnsureInstanceExistsAsync(db, workflow, id, ct);

        var eventId = idempotencyKey ?? Guid.NewGuid().ToString("N");
        var response = await client.AskAsync<SendEvent, EventAccepted, EventRejected>(
            new SendEvent(id, eventId, type, payloadJson, DateTimeOffset.UtcNow), api.Value.RequestTimeout, "events service", ct);

        if (response.Is(out Response<EventRejected>? rejected))
            throw rejected.Message.Code == "not-found"
                ? InstanceLookup.InstanceNotFound(workflow, id)
                : ProblemException.Conflict(rejected.Message.Reason);
        return TypedResults.Accepted((string?)null, new EventSent(eventId));
    }
}
