using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Api.Tests.OrchestratorDoubles;

/// <summary>Test double of the Events service's SendEvent consumer: not-found for an unknown instance, finished for an ended one, else accepted.</summary>
public sealed class EventsServiceDouble(IDbContextFactory<WorkflowsDbContext> dbs, ReceivedMessages received) : IConsumer<SendEvent>
{
    public async Task Consume(ConsumeContext<SendEvent> context)
    {
        received.Add(context.Message);
        var message = context.Message;
        await using var db = await dbs.CreateDbContextAsync(context.CancellationToken);
        var state = await db.Instances.Where(x => x.InstanceId == message.InstanceId).Select(x => x.CurrentState).SingleOrDefaultAsync(context.CancellationToken);
        if (state is null)
            await context.RespondAsync(new EventRejected(message.InstanceId, message.EventId, "not-found", "no such instance"));
        else if (InstanceStates.HasEnded(state))
            await context.RespondAsync(new EventRejected(message.InstanceId, message.EventId, "finished", $"The instance has ended ({state})."));
        else
            await context.RespondAsync(new EventAccepted(message.InstanceId, message.EventId));
    }
}
