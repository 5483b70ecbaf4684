using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Runtime;
using Workflows.Sdk;
using Workflows.Storage;

namespace Workflows.Executor;

/// <summary>
/// Records the workflows this Executor runs (once the schema is up to date, then every minute), so the Api can list them
/// and accept instances for them, with their flow-control limits (attribute, then <c>Workflows:Limits</c>) for the Orchestrator.
/// </summary>
public sealed class WorkflowCatalogPublisher(
    WorkflowRegistry registry,
    IOptions<WorkflowRuntimeOptions> runtime,
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    TimeProvider time,
    ILogger<WorkflowCatalogPublisher> logger) : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // After a failure: an Executor whose workflows are not recorded gets no instances, so a minute is too long to wait.
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private bool _recordedAtStart;

    // Starting runs after the migrator's (this service is registered after it) and before the web server starts: an
    // instance created the moment the process answers finds its workflow. Without a database yet, ExecuteAsync retries.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!schema.IsReady)
            return;
        try
        {
            await PublishAsync(cancellationToken);
            _recordedAtStart = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the registered workflows at start; retrying");
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every service starts at once on an empty database: the tables exist only once some migrator is done.
        if (!await WaitForSchemaAsync(stoppingToken))
            return;
        if (_recordedAtStart && !await Delay(Interval, stoppingToken))
            return;
        bool recorded;
        do
        {
            try
            {
                await PublishAsync(stoppingToken);
                recorded = true;
            }
            // The database is unreachable (however EF Core wraps that), or another Executor recorded the same new name at
            // the same moment: try again soon. Nothing may escape, or the host would stop the whole Executor.
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not record the registered workflows; retrying");
                recorded = false;
            }
        }
        while (await Delay(recorded ? Interval : RetryInterval, stoppingToken));
    }

    /// <summary>Once a minute, not per run: EF Core on any provider is fast enough here.</summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        var diagrams = registry.All.ToDictionary(r => r.Name, r => WorkflowDiagramAttribute.Find(r.WorkflowType));
        var limits = registry.All.ToDictionary(r => r.Name, r => WorkflowLimits.Of(r.WorkflowType, runtime.Value.Limits.GetValueOrDefault(r.Name)));
        var names = diagrams.Keys.ToArray();
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.WorkflowDefinitions.Where(w => names.Contains(w.Name))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LastSeenAt, now), ct);
        var known = await db.WorkflowDefinitions.Where(w => names.Contains(w.Name)).Select(w => w.Name).ToListAsync(ct);
        // The diagram follows the code: a deploy that changes a workflow replaces it (the last Executor to record wins).
        foreach (var (name, diagram) in diagrams.Where(d => known.Contains(d.Key) && d.Value is not null))
        {
            await db.WorkflowDefinitions.Where(w => w.Name == name && (w.Diagram == null || w.Diagram != diagram))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Diagram, diagram), ct);
        }
        // Limits follow the code and the configuration the same way.
        foreach (var (name, l) in limits.Where(l => known.Contains(l.Key)))
        {
            await db.WorkflowDefinitions.Where(w => w.Name == name && (w.MaxConcurrent != l.MaxConcurrent || w.ConcurrencyKey != l.ConcurrencyKey || w.MaxConcurrentPerKey != l.MaxConcurrentPerKey))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.MaxConcurrent, l.MaxConcurrent).SetProperty(w => w.ConcurrencyKey, l.ConcurrencyKey)
                    .SetProperty(w => w.MaxConcurrentPerKey, l.MaxConcurrentPerKey), ct);
        }
        db.WorkflowDefinitions.AddRange(names.Except(known).Select(n => new WorkflowDefinitionRow
        {
            Name = n, FirstSeenAt = now, LastSeenAt = now, Diagram = diagrams[n],
            MaxConcurrent = limits[n].MaxConcurrent, ConcurrencyKey = limits[n].ConcurrencyKey, MaxConcurrentPerKey = limits[n].MaxConcurrentPerKey,
        }));
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> WaitForSchemaAsync(CancellationToken ct)
    {
        try
        {
            await schema.WaitUntilReadyAsync(ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> Delay(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            await Task.Delay(interval, time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
