using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>/api/workflows/{workflow}/instances/{id}/events/{type}</c>: sends an event to an instance.</summary>
internal static class EventEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapPost("/workflows/{workflow}/instances/{id}/events/{type}", SendAsync)
            .WithTags("Events")
            .WithName("SendEvent")
            .WithSummary("Delivers an event (the body, any JSON, is its payload) to the instance; waits buffer it until they ask for its type. Idempotency-Key makes a retry a no-op; reusing it for another event is a 409.")
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
        if (idempotencyKey is not null && InputRules.EventId(idempotencyKey) is { } badKey)
            throw ProblemException.BadRequest($"The Idempotency-Key header is not a valid event id: {badKey}");
        // Only the engine reports how a child ended: a client must not forge (or flood) a parent's child outcomes.
        if (ChildOutcome.IsOutcomeType(type))
            throw ProblemException.BadRequest($"The event type '{type}' is reserved for the outcomes of child workflows.");

        var body = await JsonBody.ReadAsync(request, limits.Value.MaxEventPayloadBytes, "event payload", ct);
        return TypedResults.Accepted((string?)null, await DeliverAsync(workflow, id, type, idempotencyKey, body, dbs, client, limits.Value, api.Value, ct));
    }

    /// <summary>Delivers an event whose payload is <paramref name="body"/> (JSON, or empty for none): the API's route and the dashboard's form.</summary>
    internal static async Task<EventSent> DeliverAsync(
        string workflow, string id, string type, string? idempotencyKey, ReadOnlyMemory<byte> body,
        IDbContextFactory<WorkflowsDbContext> dbs, IRequestClient<SendEvent> client, WorkflowRuntimeOptions limits, ApiOptions api, CancellationToken ct)
    {
        var maxBytes = limits.MaxEventPayloadBytes;
        if (!body.IsEmpty)
            JsonBody.Check(body, "Event payload", maxBytes, WorkflowJson.MaxInputDepth);
        var payloadJson = body.IsEmpty ? null : JsonBody.Text(body);

        await using (var db = await dbs.CreateDbContextAsync(ct))
            await InstanceLookup.EnsureInstanceExistsAsync(db, workflow, id, ct);

        var eventId = idempotencyKey ?? Guid.NewGuid().ToString("N");
        var response = await client.AskAsync<SendEvent, EventAccepted, EventRejected>(
            new SendEvent(id, eventId, type, payloadJson, DateTimeOffset.UtcNow), api.RequestTimeout, "events service", ct);

        if (response.Is(out Response<EventRejected>? rejected))
            throw rejected.Message.Code switch
            {
                RejectionCodes.NotFound => InstanceLookup.InstanceNotFound(workflow, id),
                RejectionCodes.Invalid => ProblemException.BadRequest(rejected.Message.Reason),
                RejectionCodes.TooLarge => ProblemException.TooLarge(rejected.Message.Reason),
                RejectionCodes.KeyReused => ProblemException.Conflict(
                    $"The Idempotency-Key '{eventId}' was already used for an event with another type or payload on this instance; that event was kept. Send a new event with a new key."),
                _ => ProblemException.Conflict(rejected.Message.Reason),
            };
        return new EventSent(eventId);
    }
}
