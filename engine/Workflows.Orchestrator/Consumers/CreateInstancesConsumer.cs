using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.EventLog;
using Workflows.Storage.Schedules;

namespace Workflows.Orchestrator.Consumers;

/// <summary>
/// Creates instances: a batch is one message and one transaction (the unique instance id answers duplicates),
/// then each instance is dispatched to an Executor. Rows are inserted already <c>Running</c> with a dispatch
/// deadline, so a dispatch lost after the commit is found again by the reconciler. Every instance is checked against
/// <see cref="InputRules"/> first, whoever sent it: input the database would refuse, or that could not be read back, is
/// refused here at once and never reaches a write (or a retry).
/// </summary>
public sealed class CreateInstancesConsumer(
    IDbContextFactory<WorkflowsDbContext> factory,
    IOptions<OrchestratorOptions> options,
    IOptions<WorkflowRuntimeOptions> limits,
    TimeProvider time,
    ILogger<CreateInstancesConsumer> logger) : IConsumer<CreateInstances>, IConsumer<StartWorkflowInstance>
{
    public async Task Consume(ConsumeContext<CreateInstances> context)
    {
        var instances = context.Message.Instances ?? [];
        foreach (var instance in instances)
        {
            if (InputRules.NewInstance(instance.Workflow, instance.InstanceId, instance.ParamsJson, limits.Value, instance.CallbackUrl) is not { } problem)
                continue;
            logger.LogWarning("CreateInstances refused, nothing created: {Problem}", problem.Message);
            if (context.RequestId is not null)
                await context.RespondAsync(new InstancesRejected([], problem.Message,
                    problem.Kind == InputProblemKind.TooLarge ? RejectionCodes.TooLarge : RejectionCodes.Invalid));
            return;
        }

        var created = await CreateAsync(context, instances);
        if (created is null)
            return;
        await context.RespondAsync(new InstancesCreated([.. created.Select(x => x.InstanceId)]));
    }

    /// <summary>
    /// Fire-and-forget start: a duplicate id is ignored, so publishing the same start twice is harmless. A start that
    /// breaks an input rule or names a workflow no Executor has registered is logged and dropped at once: a publish has
    /// no one to answer, and a retry could not make it valid.
    /// </summary>
    public async Task Consume(ConsumeContext<StartWorkflowInstance> context)
    {
        var m = context.Message;
        var id = string.IsNullOrEmpty(m.InstanceId) ? InstanceIds.New() : m.InstanceId;
        // Blank params mean none, as they do to the runner.
        var paramsJson = string.IsNullOrWhiteSpace(m.ParamsJson) ? null : m.ParamsJson;
        if (InputRules.NewInstance(m.Workflow, id, paramsJson, limits.Value) is { } problem)
        {
            logger.LogWarning("StartWorkflowInstance {MessageId} dropped: {Problem}", context.MessageId, problem.Message);
            return;
        }
        await using (var db = await factory.CreateDbContextAsync(context.CancellationToken))
        {
            if (!await db.WorkflowDefinitions.AnyAsync(w => w.Name == m.Workflow, context.CancellationToken))
            {
                logger.LogWarning("StartWorkflowInstance {InstanceId} ignored: no Executor has registered workflow '{Workflow}'", id, m.Workflow);
                return;
            }
        }
        await CreateAsync(context, [new NewInstance(m.Workflow, id, paramsJson)]);
    }

    /// <returns>The created rows, or null when some id was already in use (then the request was answered with InstancesRejected).</returns>
    private async Task<IReadOnlyList<WorkflowInstance>?> CreateAsync(ConsumeContext context, IReadOnlyList<NewInstance> items)
    {
        var now = time.GetUtcNow();
        var rows = items.Select(i => new WorkflowInstance
        {
            CorrelationId = InstanceIds.Correlation(i.InstanceId),
            InstanceId = i.InstanceId,
            Workflow = i.Workflow,
            CurrentState = InstanceStates.Running,
            Generation = 1,
            Dispatch = 1,
            ParamsJson = i.ParamsJson,
            ParentInstanceId = i.ParentInstanceId,
            TerminateWithParent = i.TerminateWithParent,
            ScheduleJson = ScheduleFiringJson.Serialize(i.Schedule),
            CallbackUrl = i.CallbackUrl,
            CreatedAt = now,
            StartedAt = now,
            DispatchDeadline = now + options.Value.RunDeadline,
        }).ToList();

        await using (var db = await factory.CreateDbContextAsync(context.CancellationToken))
        {
            db.Instances.AddRange(rows);
            // Created and started leave through the outbox, committed with the rows.
            await InstanceEventLog.AddAsync(db, [.. rows.SelectMany(row => new[]
            {
                LifecycleMessages.Row(new InstanceCreated(row.InstanceId, row.Workflow, row.Generation, now)),
                LifecycleMessages.Row(new InstanceStarted(row.InstanceId, row.Workflow, row.Generation, now)),
            })], context.CancellationToken);
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                await RejectAsync(context, items);
                return null;
            }
        }

        var executors = await context.GetSendEndpoint(QueueNames.Address(QueueNames.ExecuteInstance));
        foreach (var row in rows)
        {
            await executors.Send(new ExecuteInstance(row.InstanceId, row.Workflow, row.Generation, row.ParamsJson, row.CreatedAt, row.Dispatch, Schedule: ScheduleFiringJson.Deserialize(row.ScheduleJson)), context.CancellationToken);
        }
        return rows;
    }

    private async Task RejectAsync(ConsumeContext context, IReadOnlyList<NewInstance> items)
    {
        var ids = items.Select(i => i.InstanceId).ToList();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var taken = await db.Instances.AsNoTracking().Where(x => ids.Contains(x.InstanceId)).Select(x => x.InstanceId).ToListAsync(context.CancellationToken);
        logger.LogInformation("Creation rejected: instance ids already in use: {Ids}", string.Join(", ", taken));
        if (context.RequestId is not null)
            await context.RespondAsync(new InstancesRejected(taken, "instance id already in use"));
    }
}
