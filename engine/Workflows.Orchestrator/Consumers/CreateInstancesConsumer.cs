using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Orchestrator.Admission;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.EventLog;
using Workflows.Storage.Schedules;

namespace Workflows.Orchestrator.Consumers;

/// <summary>
/// Creates instances: a batch is one message and one transaction (the unique instance id answers duplicates),
/// then each instance is dispatched to an Executor. Rows are inserted already <c>Running</c> with a dispatch
/// deadline, so a dispatch lost after the commit is found again by the reconciler; under a concurrency limit they are
/// inserted <c>Queued</c> instead and admission is asked for (creation never counts slots, so a backlog does not slow it).
/// Every instance is checked against <see cref="InputRules"/> first, whoever sent it: input the database would refuse, or
/// that could not be read back, is refused here at once and never reaches a write (or a retry).
/// </summary>
public sealed class CreateInstancesConsumer(
    IDbContextFactory<WorkflowsDbContext> factory,
    RecordedWorkflowLimits recorded,
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
            var problem = InputRules.NewInstance(instance.Workflow, instance.InstanceId, instance.ParamsJson, limits.Value, instance.CallbackUrl)
                ?? (InstanceMetadata.Validate(instance.Metadata) is { } metadata ? new InputProblem(InputProblemKind.Invalid, metadata) : null)
                ?? PriorityProblem(instance.Priority);
            if (problem is null)
                continue;
            logger.LogWarning("CreateInstances refused, nothing created: {Problem}", problem.Message);
            if (context.RequestId is not null)
                await context.RespondAsync(new InstancesRejected([], problem.Message,
                    problem.Kind == InputProblemKind.TooLarge ? RejectionCodes.TooLarge : RejectionCodes.Invalid));
            return;
        }

        var created = await CreateAsync(context, instances, context.Message.Bulk);
        if (created is null)
            return;
        await context.RespondAsync(new InstancesCreated([.. created.Select(x => x.InstanceId)], [.. created.Select(x => InstanceStates.StatusOf(x.CurrentState))]));
    }

    /// <summary>
    /// Start by message: a duplicate id is ignored, so publishing the same start twice is harmless. A start that breaks an
    /// input rule or names a workflow no Executor has registered is refused at once (a retry could not make it valid): it
    /// goes to <see cref="QueueNames.StartRejected"/>, and to the sender when it gave a response address.
    /// </summary>
    public async Task Consume(ConsumeContext<StartWorkflowInstance> context)
    {
        var m = context.Message;
        var id = string.IsNullOrEmpty(m.InstanceId) ? InstanceIds.New() : m.InstanceId;
        // Params as a JSON value win over the older JSON string; blank params mean none, as they do to the runner.
        var paramsJson = m.Params is { ValueKind: not System.Text.Json.JsonValueKind.Undefined } value ? value.GetRawText()
            : string.IsNullOrWhiteSpace(m.ParamsJson) ? null : m.ParamsJson;
        if ((InputRules.NewInstance(m.Workflow, id, paramsJson, limits.Value) ?? PriorityProblem(m.Priority)) is { } problem)
        {
            await RefuseStartAsync(context, id, problem.Message, problem.Kind == InputProblemKind.TooLarge ? RejectionCodes.TooLarge : RejectionCodes.Invalid);
            return;
        }
        await using (var db = await factory.CreateDbContextAsync(context.CancellationToken))
        {
            if (!await db.WorkflowDefinitions.AnyAsync(w => w.Name == m.Workflow, context.CancellationToken))
            {
                await RefuseStartAsync(context, id, $"no Executor has registered workflow '{m.Workflow}'", RejectionCodes.UnknownWorkflow);
                return;
            }
        }
        var created = await CreateAsync(context, [new NewInstance(m.Workflow, id, paramsJson, Priority: m.Priority)], bulk: false);
        if (context.ResponseAddress is null)
            return;
        if (created is not null)
        {
            await context.RespondAsync(new WorkflowInstanceStarted(id, m.Workflow, InstanceStates.StatusOf(created[0].CurrentState)));
            return;
        }
        await using var read = await factory.CreateDbContextAsync(context.CancellationToken);
        var state = await read.Instances.AsNoTracking().Where(i => i.InstanceId == id).Select(i => i.CurrentState).FirstOrDefaultAsync(context.CancellationToken);
        await context.RespondAsync(new WorkflowInstanceStarted(id, m.Workflow, InstanceStates.StatusOf(state), AlreadyExisted: true));
    }

    private async Task RefuseStartAsync(ConsumeContext<StartWorkflowInstance> context, string id, string reason, string code)
    {
        logger.LogWarning("StartWorkflowInstance {MessageId} refused: {Reason}", context.MessageId, reason);
        var rejected = new StartWorkflowInstanceRejected(context.Message.Workflow, id, reason, code, context.Message);
        var faults = await context.GetSendEndpoint(QueueNames.Address(QueueNames.StartRejected));
        await faults.Send(rejected, context.CancellationToken);
        // RespondAsync without a response address would publish the reply to everyone: answer only who asked.
        if (context.ResponseAddress is not null)
            await context.RespondAsync(rejected);
    }

    private static InputProblem? PriorityProblem(int? priority) =>
        InstancePriorities.Problem(priority) is { } problem ? new InputProblem(InputProblemKind.Invalid, problem) : null;

    /// <returns>The created rows, or null when some id was already in use (then the request was answered with InstancesRejected).</returns>
    private async Task<IReadOnlyList<WorkflowInstance>?> CreateAsync(ConsumeContext context, IReadOnlyList<NewInstance> items, bool bulk)
    {
        var now = time.GetUtcNow();
        // The consume span of this request is the root every run of these instances hangs from (see WorkflowDiagnostics.StartRun).
        var trace = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
        var limitsOf = new Dictionary<string, WorkflowLimits>(StringComparer.Ordinal);
        foreach (var workflow in items.Select(i => i.Workflow).Distinct(StringComparer.Ordinal))
            limitsOf[workflow] = await recorded.GetAsync(workflow, context.CancellationToken);
        var rows = items.Select(i =>
        {
            var flow = limitsOf[i.Workflow];
            var queued = flow.IsLimited;
            return new WorkflowInstance
            {
                CorrelationId = InstanceIds.Correlation(i.InstanceId),
                InstanceId = i.InstanceId,
                Workflow = i.Workflow,
                CurrentState = queued ? InstanceStates.Queued : InstanceStates.Running,
                Generation = 1,
                Dispatch = queued ? 0 : 1,
                ParamsJson = i.ParamsJson,
                ParentInstanceId = i.ParentInstanceId,
                TerminateWithParent = i.TerminateWithParent,
                ScheduleJson = ScheduleFiringJson.Serialize(i.Schedule),
                CreatedAt = now,
                StartedAt = queued ? null : now,
                DispatchDeadline = queued ? null : now + options.Value.RunDeadline,
                Priority = i.Priority ?? InstancePriorities.Default,
                FlowControlled = queued,
                ConcurrencyKey = flow.KeyOf(i.ParamsJson),
                TraceParent = trace,
                CallbackUrl = i.CallbackUrl,
            };
        }).ToList();

        var metadata = items.SelectMany(i => (i.Metadata ?? new Dictionary<string, string>()).Select(m =>
            new InstanceMetadataRow { InstanceId = i.InstanceId, Key = m.Key, Value = m.Value, CreatedAt = now }));

        await using (var db = await factory.CreateDbContextAsync(context.CancellationToken))
        {
            db.Instances.AddRange(rows);
            db.InstanceMetadata.AddRange(metadata);
            // Created (and started, unless queued: the admitter records that) leave through the outbox, committed with the rows.
            await InstanceEventLog.AddAsync(db, [.. rows.SelectMany(row => row.FlowControlled
                ? new[] { LifecycleMessages.Row(new InstanceCreated(row.InstanceId, row.Workflow, row.Generation, now)) }
                : new[]
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

        var executors = await context.GetSendEndpoint(QueueNames.Address(bulk ? QueueNames.ExecuteInstance : QueueNames.ExecuteInstancePrompt));
        var admission = await context.GetSendEndpoint(QueueNames.Address(QueueNames.AdmitInstances));
        foreach (var workflow in rows.Where(r => r.FlowControlled).Select(r => r.Workflow).Distinct(StringComparer.Ordinal))
            await admission.Send(new AdmitQueuedInstances(workflow), context.CancellationToken);
        // All at once: each send waits for its publisher confirm, and a batch's hundred confirms need not queue behind each other.
        await Task.WhenAll(rows.Where(r => !r.FlowControlled).Select(row => executors.Send(
            new ExecuteInstance(row.InstanceId, row.Workflow, row.Generation, row.ParamsJson, row.CreatedAt, row.Dispatch,
                Schedule: ScheduleFiringJson.Deserialize(row.ScheduleJson), TraceParent: row.TraceParent),
            context.CancellationToken)));
        return rows;
    }

    private async Task RejectAsync(ConsumeContext context, IReadOnlyList<NewInstance> items)
    {
        var ids = items.Select(i => i.InstanceId).ToList();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var taken = await db.Instances.AsNoTracking().Where(x => ids.Contains(x.InstanceId)).Select(x => x.InstanceId).ToListAsync(context.CancellationToken);
        logger.LogInformation("Creation rejected: instance ids already in use: {Ids}", string.Join(", ", taken));
        // A start by message is answered by its own reply (WorkflowInstanceStarted, already existed).
        if (context.RequestId is not null && context is ConsumeContext<CreateInstances>)
            await context.RespondAsync(new InstancesRejected(taken, "instance id already in use"));
    }
}
