using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Api.Tests.OrchestratorDoubles;

/// <summary>
/// Test double of the Orchestrator's CreateInstances consumer: inserts the instances in state Running (as the Orchestrator does) in one transaction
/// and replies InstancesCreated, or InstancesRejected with the ids already in use (nothing inserted).
/// </summary>
public sealed class CreateInstancesDouble(IDbContextFactory<WorkflowsDbContext> dbs, ReceivedMessages received) : IConsumer<CreateInstances>
{
    public async Task Consume(ConsumeContext<CreateInstances> context)
    {
        received.Add(context.Message);
        var ids = context.Message.Instances.Select(x => x.InstanceId).ToList();
        await using var db = await dbs.CreateDbContextAsync(context.CancellationToken);
        var inUse = await db.Instances.Where(x => ids.Contains(x.InstanceId)).Select(x => x.InstanceId).ToListAsync(context.CancellationToken);
        if (inUse.Count > 0)
        {
            await context.RespondAsync(new InstancesRejected(inUse, "instance ids already in use"));
            return;
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var instance in context.Message.Instances)
            db.Instances.Add(new WorkflowInstance
            {
                CorrelationId = InstanceIds.Correlation(instance.InstanceId),
                InstanceId = instance.InstanceId,
                Workflow = instance.Workflow,
                CurrentState = InstanceStates.Running,
                Generation = 1,
                ParamsJson = instance.ParamsJson,
                CreatedAt = now,
            });
        await db.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new InstancesCreated(ids));
    }
}
