using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Orchestrator.Reconciliation;

/// <summary>
/// Finds instances whose deadline passed while no Executor holds their lease and asks the saga to dispatch them again:
/// dispatched runs that never reported back (an Executor died, a message was lost) and waiting instances whose timer
/// is overdue by more than <see cref="OrchestratorOptions.WakeGrace"/> (its schedule was lost). It scans only the
/// partial index of deadlines. It also asks for admission of every workflow with queued instances: the backstop for an
/// admission request lost between a commit and its send (one index probe per recorded workflow).
/// </summary>
/// <remarks>
/// A run that no Executor ever claimed (no lease of its generation) is taken for lost only if the Executors' queues were
/// seen empty after it was dispatched (<see cref="IExecutorBacklog"/>): a bulk create deeper than
/// <see cref="OrchestratorOptions.RunDeadline"/> of work is waiting its turn, not lost, and dispatching each of its runs
/// again would double the work (and, through the prompt lane, let the copies jump the queue). A run whose Executor
/// claimed it and died (its lease expired) is dispatched again at its deadline, backlog or not.
/// </remarks>
public sealed class InstanceReconciler(
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    IBus bus,
    IExecutorBacklog backlog,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    ILogger<InstanceReconciler> logger) : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>
    /// How long a dispatch may take to reach its queue after its deadline was set (the saga sends after its commit): queues
    /// seen empty now vouch only for runs dispatched this long before. A send slower than this costs one duplicate run.
    /// </summary>
    private static readonly TimeSpan SendAllowance = TimeSpan.FromSeconds(5);

    private static readonly ActivitySource Source = new(WorkflowDiagnostics.ActivitySourceName);

    /// <summary>When the Executors' queues were last seen empty: every run dispatched before then has left them.</summary>
    private DateTimeOffset _drainedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until some migrator is done the tables may not exist: a pass now would only log their absence.
        await schema.WaitUntilReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReconcileOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL or RabbitMQ down: try again next tick.
                logger.LogWarning(e, "Reconciliation pass failed");
            }
        }
    }

    public async Task<int> ReconcileOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var queuedWorkflows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(w => db.Instances.Any(i => i.Workflow == w.Name && i.CurrentState == InstanceStates.Queued))
            .Select(w => w.Name)
            .ToListAsync(ct);
        if (queuedWorkflows.Count > 0)
        {
            var admission = await bus.GetSendEndpoint(QueueNames.Address(QueueNames.AdmitInstances));
            foreach (var workflow in queuedWorkflows)
                await admission.Send(new AdmitQueuedInstances(workflow), ct);
        }

        if (await backlog.IsEmptyAsync(ct))
            _drainedAt = now - SendAllowance;
        // A run dispatched at DispatchDeadline - RunDeadline has left the queues if that was before they were seen empty.
        var runDeadline = options.Value.RunDeadline;
        var unclaimedCutoff = _drainedAt == DateTimeOffset.MinValue ? _drainedAt
            : _drainedAt + runDeadline < now ? _drainedAt + runDeadline : now;
        var overdue = await db.Instances.AsNoTracking()
            .Where(i => i.DispatchDeadline < now && !db.InstanceLeases.Any(l => l.InstanceId == i.InstanceId && l.ExpiresAt > now))
            .Where(i => i.CurrentState == InstanceStates.Waiting
                        || db.InstanceLeases.Any(l => l.InstanceId == i.InstanceId && l.Generation == i.Generation)
                        || i.DispatchDeadline < unclaimedCutoff)
            .OrderBy(i => i.DispatchDeadline)
            .Take(BatchSize)
            .Select(i => new { i.InstanceId, i.Generation, i.TraceParent })
            .ToListAsync(ct);
        if (overdue.Count == 0)
            return 0;

        var endpoint = await bus.GetSendEndpoint(QueueNames.Address(QueueNames.WorkflowInstancePrompt));
        foreach (var i in overdue)
        {
            // Its own trace, linked to the instance's; the run it causes is parented to the instance and links back here.
            ActivityLink[] links = ActivityContext.TryParse(i.TraceParent, null, out var lost) ? [new ActivityLink(lost)] : [];
            using var activity = Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "redispatch");
            activity?.SetTag(WorkflowDiagnostics.InstanceIdTag, i.InstanceId);
            await endpoint.Send(new RedispatchInstance(i.InstanceId, i.Generation), ct);
        }
        logger.LogInformation("Re-dispatching {Count} overdue instance(s)", overdue.Count);
        return overdue.Count;
    }
}
