using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Orchestrator.Callbacks;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.EventLog;

namespace Workflows.Orchestrator.Outbox;

/// <summary>
/// Publishes the event log's pending lifecycle messages to the bus in order, then marks them published and queues their
/// callback deliveries, in one transaction. A crash after a publish and before that commit publishes it again with the
/// same MessageId (at least once; subscribers de-duplicate by MessageId). One relay runs at a time across replicas (a
/// PostgreSQL advisory lock per pass), so an instance's events leave in the order they were committed.
/// </summary>
public sealed class OutboxRelay(
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    IBus bus,
    IOutboxWakeups wakeups,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    /// <summary>Instrument: an event's commit to its publish by the relay, seconds (docs/observability.md).</summary>
    public const string LagInstrument = "workflows.outbox.lag";

    // A recorded span (the engine's source), so the publish it parents is not an orphan in the writer's trace.
    private static readonly ActivitySource Source = new(WorkflowDiagnostics.ActivitySourceName);

    private readonly Histogram<double> lag = meters.Create(WorkflowDiagnostics.ActivitySourceName)
        .CreateHistogram<double>(LagInstrument, "s", "An event's commit to its publish by the outbox relay.");

    // Any constant shared by every Orchestrator: the advisory lock that makes one relay active at a time.
    private const long LockKey = 0x0_57_4F_55_54_42_4F_58;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitUntilReadyAsync(stoppingToken);
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more are waiting: go on at once. A partial one: events are coming in, so pause to let
                // the next batch gather. None: sleep until a commit announces more (or, on SQLite, the next poll).
                var relayed = await RelayOnceAsync(stoppingToken);
                if (relayed >= settings.OutboxBatchSize)
                    continue;
                if (relayed > 0)
                    await Task.Delay(settings.OutboxPollInterval, time, stoppingToken);
                await wakeups.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Outbox relay pass failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>Publishes up to one batch of pending messages; returns how many.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()
            && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct))
            return 0;
        var rows = await db.InstanceEvents.AsNoTracking()
            .Where(e => e.RelayPending)
            .OrderBy(e => e.Id)
            .Take(options.Value.OutboxBatchSize)
            .ToListAsync(ct);
        if (rows.Count == 0)
            return 0;

        var ids = rows.Select(r => r.InstanceId).Distinct().ToList();
        var callbacks = await db.Instances.AsNoTracking()
            .Where(i => ids.Contains(i.InstanceId) && i.CallbackUrl != null)
            .ToDictionaryAsync(i => i.InstanceId, i => i.CallbackUrl!, ct);

        // Observers filter by metadata: one read per batch attaches it to the messages.
        var metadata = (await db.InstanceMetadata.AsNoTracking().Where(m => ids.Contains(m.InstanceId)).ToListAsync(ct))
            .GroupBy(m => m.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), StringComparer.Ordinal);

        // Instances in parallel, each instance's events one after another in their order.
        await Task.WhenAll(rows.GroupBy(r => r.InstanceId).Select(async events =>
        {
            foreach (var row in events)
                await PublishAsync(row, metadata.GetValueOrDefault(row.InstanceId), ct);
        }));

        var now = time.GetUtcNow();
        var published = rows.Select(r => r.Id).ToList();
        await db.InstanceEvents.Where(e => published.Contains(e.Id)).ExecuteUpdateAsync(e => e.SetProperty(r => r.RelayPending, false), ct);
        foreach (var row in rows)
        {
            lag.Record(Math.Max(0, (now - row.Timestamp).TotalSeconds));
            if (callbacks.TryGetValue(row.InstanceId, out var url))
                db.CallbackDeliveries.Add(new CallbackDeliveryRow
                {
                    InstanceId = row.InstanceId,
                    Sequence = row.Sequence,
                    Url = url,
                    MessageId = row.MessageId!.Value,
                    BodyJson = CallbackBody.Json(row),
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(CancellationToken.None);
        return rows.Count;
    }

    private async Task PublishAsync(InstanceEventRow row, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        var message = LifecycleMessages.WithMetadata(LifecycleMessages.Read(row), metadata);
        // The writer's trace continues here: MassTransit's send activity becomes a child of this one (MT-Activity-Id).
        using var activity = row.ActivityId is null ? null : Source.StartActivity("outbox relay", ActivityKind.Internal, row.ActivityId);
        await bus.Publish(message, message.GetType(), c => c.MessageId = row.MessageId, ct);
    }
}
