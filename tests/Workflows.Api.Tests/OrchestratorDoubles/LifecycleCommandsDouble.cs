using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Api.Tests.OrchestratorDoubles;

/// <summary>
/// Test double of the WorkflowInstance saga's lifecycle commands: a rough version of its rules over the row's CurrentState
/// (an ended instance rejects everything but restart; only a pausing or paused instance resumes).
/// </summary>
public sealed class LifecycleCommandsDouble(IDbContextFactory<WorkflowsDbContext> dbs, ReceivedMessages received) :
    IConsumer<PauseInstance>, IConsumer<ResumeInstance>, IConsumer<TerminateInstance>, IConsumer<RestartInstance>
{
    public Task Consume(ConsumeContext<PauseInstance> context) =>
        Apply(context, context.Message.InstanceId, state => InstanceStates.HasEnded(state) ? null : InstanceStates.WaitingForPause);

    public Task Consume(ConsumeContext<ResumeInstance> context) =>
        Apply(context, context.Message.InstanceId, state => state is InstanceStates.Paused or InstanceStates.WaitingForPause ? InstanceStates.Running : null);

    public Task Consume(ConsumeContext<TerminateInstance> context) =>
        Apply(context, context.Message.InstanceId, state => InstanceStates.HasEnded(state) ? null : InstanceStates.Terminated);

    public Task Consume(ConsumeContext<RestartInstance> context) =>
        Apply(context, context.Message.InstanceId, _ => InstanceStates.Running);

    private async Task Apply<T>(ConsumeContext<T> context, string instanceId, Func<string, string?> next)
        where T : class
    {
        received.Add(context.Message);
        await using var db = await dbs.CreateDbContextAsync(context.CancellationToken);
        var instance = await db.Instances.SingleAsync(x => x.InstanceId == instanceId, context.CancellationToken);
        if (next(instance.CurrentState) is not { } state)
        {
            await context.RespondAsync(new InstanceCommandRejected(instanceId, InstanceStates.StatusOf(instance.CurrentState),
                $"{typeof(T).Name} is not allowed while the instance is {instance.CurrentState}."));
            return;
        }
        instance.CurrentState = state;
        await db.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new InstanceCommandAccepted(instanceId, InstanceStates.StatusOf(state)));
    }
}
