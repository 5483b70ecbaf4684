using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Runtime;

namespace Workflows.Events.Consumers;

/// <summary>
/// Puts an event in its instance's inbox (deduplicated by event id, first-in-first-out per type) and tells the saga.
/// Events that break an input rule (<see cref="InputRules"/>, whoever sent them), for unknown or finished instances, for
/// an instance whose inbox is full, or reusing an event id for a different event are rejected with a reason the Api can
/// show. The retry of an event the instance already has (same event id, same type and payload) is accepted again, so a
/// sender whose first answer was lost sees the same 202 however far the instance has got since.
/// </summary>
public sealed class SendEventConsumer(
    IHistoryStore store,
    IDbContextFactory<WorkflowsDbContext> factory,
    IOptions<WorkflowRuntimeOptions> limits,
    ILogger<SendEventConsumer> logger) : IConsumer<SendEvent>
{
    public async Task Consume(ConsumeContext<SendEvent> context)
    {
        var m = context.Message;
        var rejection = await RejectionAsync(m, context.CancellationToken);
        if (rejection is null && !await store.AppendEventAsync(new InboxEvent(m.InstanceId, m.EventId, m.Type, m.PayloadJson ?? "null", m.Timestamp), context.CancellationToken))
        {
            // Another delivery stored this id first, between the check and the insert: it must be the same event.
            await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
            rejection = await KeyReusedAsync(db, m, context.CancellationToken);
        }
        if (rejection is not null)
        {
            if (rejection.Code is RejectionCodes.Invalid or RejectionCodes.TooLarge)
                logger.LogWarning("SendEvent {EventId} for instance {InstanceId} refused: {Reason}", m.EventId, m.InstanceId, rejection.Reason);
            if (context.RequestId is not null)
                await context.RespondAsync(rejection);
            return;
        }

        // Also for a duplicate: the first delivery's EventAvailable may be the one that was lost.
        await context.Publish(new EventAvailable(m.InstanceId, m.Type), context.CancellationToken);
        if (context.RequestId is not null)
            await context.RespondAsync(new EventAccepted(m.InstanceId, m.EventId));
    }

    private async Task<EventRejected?> RejectionAsync(SendEvent m, CancellationToken ct)
    {
        if (InputRules.Event(m.InstanceId, m.EventId, m.Type, m.PayloadJson, limits.Value) is { } problem)
            return Rejected(m, problem.Kind == InputProblemKind.TooLarge ? RejectionCodes.TooLarge : RejectionCodes.Invalid, problem.Message);

        await using var db = await factory.CreateDbContextAsync(ct);
        var state = await db.Instances.AsNoTracking().Where(i => i.InstanceId == m.InstanceId).Select(i => i.CurrentState).SingleOrDefaultAsync(ct);
        if (state is null)
            return Rejected(m, RejectionCodes.NotFound, $"no instance '{m.InstanceId}'");
        if (await db.Events.AnyAsync(e => e.InstanceId == m.InstanceId && e.EventId == m.EventId, ct))
            return await KeyReusedAsync(db, m, ct);
        if (InstanceStates.HasEnded(state))
            return Rejected(m, RejectionCodes.Finished, $"instance '{m.InstanceId}' has finished ({InstanceStates.StatusOf(state)})");

        // A child's outcome is never refused: its parent started the child and waits for exactly this event.
        if (ChildOutcome.IsOutcomeType(m.Type))
            return null;
        // Checked before the insert, not with it: concurrent sends may pass the cap by a few, which bounds it all the same.
        var buffered = await db.Events.CountAsync(e => e.InstanceId == m.InstanceId && e.ConsumedByStep == null, ct);
        return buffered < limits.Value.MaxBufferedEvents
            ? null
            : Rejected(m, RejectionCodes.InboxFull,
                $"Instance '{m.InstanceId}' already holds {buffered:N0} events that no wait has taken; the limit (Workflows:MaxBufferedEvents) is {limits.Value.MaxBufferedEvents:N0}.");
    }

    /// <summary>The rejection of an event whose id is stored with another type or payload; null when it is the same event again.</summary>
    private static async Task<EventRejected?> KeyReusedAsync(WorkflowsDbContext db, SendEvent m, CancellationToken ct)
    {
        var stored = await db.Events.AsNoTracking()
            .Where(e => e.InstanceId == m.InstanceId && e.EventId == m.EventId)
            .Select(e => new { e.Type, e.PayloadJson })
            .SingleAsync(ct);
        return stored.Type == m.Type && SamePayload(stored.PayloadJson, m.PayloadJson)
            ? null
            : Rejected(m, RejectionCodes.KeyReused,
                $"The event id '{m.EventId}' was already used for an event of type '{stored.Type}' with {(stored.Type == m.Type ? "another payload" : "its own payload")}; send a new event with a new id.");
    }

    /// <summary>Equal as JSON values: a sender re-serializing the same payload (other spacing or key order) is retrying, not sending anew.</summary>
    private static bool SamePayload(string? stored, string? sent)
    {
        using var a = JsonDocument.Parse(string.IsNullOrWhiteSpace(stored) ? "null" : stored, WorkflowJson.DocumentOptions);
        using var b = JsonDocument.Parse(string.IsNullOrWhiteSpace(sent) ? "null" : sent, WorkflowJson.DocumentOptions);
        return JsonElement.DeepEquals(a.RootElement, b.RootElement);
    }

    private static EventRejected Rejected(SendEvent m, string code, string reason) => new(m.InstanceId, m.EventId, code, reason);
}
