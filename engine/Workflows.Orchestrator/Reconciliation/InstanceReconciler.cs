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
public sealed class InstanceReconciler(
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    IBus bus,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    ILogger<InstanceReconciler> logger) : BackgroundService
{
    private const int BatchSize = 500;

    private static readonly ActivitySource Source = new(WorkflowDiagnostics.ActivitySourceName);

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

        var overdue = await db.Instances.AsNoTracking()
            .Where(i => i.DispatchDeadline < now && !db.InstanceLeases.Any(l => l.InstanceId == i.InstanceId && l.ExpiresAt > now))
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
