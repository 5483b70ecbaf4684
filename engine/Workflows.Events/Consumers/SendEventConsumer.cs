using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Runtime;

namespace Workflows.Events.Consumers;

/// <summary>
/// Puts an event in its instance's inbox (deduplicated by event id, first-in-first-out per type) and tells the saga.
/// Events for unknown or finished instances are rejected with a reason the Api can show, except the retry of an event
/// the instance already has (same event id): that is accepted again, so a sender whose first answer was lost sees
/// the same 202 however far the instance has got since.
/// </summary>
public sealed class SendEventConsumer(
    IHistoryStore store,
    IDbContextFactory<WorkflowsDbContext> factory,
    IOptions<WorkflowRuntimeOptions> limits) : IConsumer<SendEvent>
{
    public async Task Consume(ConsumeContext<SendEvent> context)
    {
        var m = context.Message;
        var rejection = await RejectionAsync(m, context.CancellationToken);
        if (rejection is not null)
        {
            if (context.RequestId is not null)
                await context.RespondAsync(rejection);
            return;
        }

        await store.AppendEventAsync(new InboxEvent(m.InstanceId, m.EventId, m.Type, m.PayloadJson ?? "null", m.Timestamp), context.CancellationToken);
        // Also for a duplicate: the first delivery's EventAvailable may be the one that was lost.
        await context.Publish(new EventAvailable(m.InstanceId, m.Type), context.CancellationToken);
        if (context.RequestId is not null)
            await context.RespondAsync(new EventAccepted(m.InstanceId, m.EventId));
    }

    private async Task<EventRejected?> RejectionAsync(SendEvent m, CancellationToken ct)
    {
        var size = Encoding.UTF8.GetByteCount(m.PayloadJson ?? "");
        if (size > limits.Value.MaxEventPayloadBytes)
            return new EventRejected(m.InstanceId, m.EventId, "too-large", $"the payload is {size:N0} bytes; the limit is {limits.Value.MaxEventPayloadBytes:N0}");

        await using var db = await factory.CreateDbContextAsync(ct);
        var state = await db.Instances.AsNoTracking().Where(i => i.InstanceId == m.InstanceId).Select(i => i.CurrentState).SingleOrDefaultAsync(ct);
        if (state is null)
            return new EventRejected(m.InstanceId, m.EventId, "not-found", $"no instance '{m.InstanceId}'");
        if (!InstanceStates.HasEnded(state))
            return null;
        var retried = await db.Events.AnyAsync(e => e.InstanceId == m.InstanceId && e.EventId == m.EventId, ct);
        return retried ? null : new EventRejected(m.InstanceId, m.EventId, "finished", $"instance '{m.InstanceId}' has finished ({InstanceStates.StatusOf(state)})");
    }
}
