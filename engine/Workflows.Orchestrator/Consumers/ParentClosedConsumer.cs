using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Orchestrator.Consumers;

/// <summary>
/// The parent-close policy: when an instance is terminated or errors, its children that are still live and were started
/// to end with it are terminated (their own children follow the same way). Off the saga, so finishing stays one write.
/// </summary>
public sealed class ParentClosedConsumer(IDbContextFactory<WorkflowsDbContext> factory) : IConsumer<InstanceTerminated>, IConsumer<InstanceErrored>
{
    private static readonly Uri Saga = QueueNames.Address(QueueNames.WorkflowInstancePrompt);

    public Task Consume(ConsumeContext<InstanceTerminated> context) => TerminateChildrenAsync(context, context.Message.InstanceId);

    public Task Consume(ConsumeContext<InstanceErrored> context) => TerminateChildrenAsync(context, context.Message.InstanceId);

    private async Task TerminateChildrenAsync(ConsumeContext context, string parentId)
    {
        List<string> children;
        await using (var db = await factory.CreateDbContextAsync(context.CancellationToken))
        {
            children = await db.Instances.AsNoTracking()
                .Where(i => i.ParentInstanceId == parentId && i.TerminateWithParent
                    && i.CurrentState != InstanceStates.Complete && i.CurrentState != InstanceStates.Errored && i.CurrentState != InstanceStates.Terminated)
                .Select(i => i.InstanceId)
                .ToListAsync(context.CancellationToken);
        }
        if (children.Count == 0)
            return;
        var saga = await context.GetSendEndpoint(Saga);
        foreach (var child in children)
            await saga.Send(new TerminateInstance(child), context.CancellationToken);
    }
}
