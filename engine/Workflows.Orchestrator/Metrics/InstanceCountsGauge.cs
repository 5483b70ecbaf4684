using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Orchestrator.Metrics;

/// <summary>
/// <c>workflows.instances</c>: instances by workflow and status, counted in the database every
/// <see cref="RefreshInterval"/> (one grouped query) and served from that snapshot, so a scrape never waits on PostgreSQL.
/// </summary>
public sealed class InstanceCountsGauge : BackgroundService
{
    public const string Instrument = "workflows.instances";

    /// <summary>Tag: the public status (<c>running</c>, <c>waiting</c>, <c>complete</c> …).</summary>
    public const string StatusTag = "workflow.status";

    /// <summary>How stale a count may be; each refresh is one grouped scan of the instances table.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private readonly IDbContextFactory<WorkflowsDbContext> factory;
    private readonly DatabaseSchema schema;
    private readonly TimeProvider time;
    private readonly ILogger<InstanceCountsGauge> logger;
    private volatile IReadOnlyList<Measurement<long>> snapshot = [];

    public InstanceCountsGauge(IDbContextFactory<WorkflowsDbContext> factory, DatabaseSchema schema, IMeterFactory meterFactory, TimeProvider time, ILogger<InstanceCountsGauge> logger)
    {
        this.factory = factory;
        this.schema = schema;
        this.time = time;
        this.logger = logger;
        meterFactory.Create(WorkflowDiagnostics.ActivitySourceName)
            .CreateObservableGauge(Instrument, () => snapshot, unit: "{instance}", description: "Instances by workflow and status.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitUntilReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(RefreshInterval, time);
        do
        {
            try
            {
                snapshot = await CountAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL down: keep the last counts and try again next tick.
                logger.LogWarning(e, "Counting instances by status failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<IReadOnlyList<Measurement<long>>> CountAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = await db.Instances.AsNoTracking()
            .GroupBy(i => new { i.Workflow, i.CurrentState })
            .Select(g => new { g.Key.Workflow, g.Key.CurrentState, Count = g.LongCount() })
            .ToListAsync(ct);
        return [.. counts.Select(c => new Measurement<long>(c.Count,
            new KeyValuePair<string, object?>(WorkflowDiagnostics.WorkflowTag, c.Workflow),
            new KeyValuePair<string, object?>(StatusTag, InstanceStates.StatusOf(c.CurrentState))))];
    }
}
