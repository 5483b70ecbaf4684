using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Storage.Schedules;

namespace Workflows.Scheduler.Schedules;

/// <summary>
/// Fires schedules: reads the schedule's row, applies its overlap policy against its previous instance and asks the
/// Orchestrator for the firing's instance, whose id is derived from the slot, so however often a firing runs (a
/// redelivery, a recovered Quartz job, two replicas) its slot has one instance. The row's revision guards every write;
/// on a conflict the whole firing runs again from the row, and finds the instance it may already have created.
/// </summary>
public sealed class ScheduleFirer(
    IDbContextFactory<WorkflowsDbContext> factory,
    IClientFactory clients,
    IOptions<SchedulerOptions> options,
    SchedulerMetrics metrics,
    TimeProvider time,
    ILogger<ScheduleFirer> logger)
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fires the schedule's slot if it is due, then moves the row to the next slot. A slot late by less than
    /// <see cref="SchedulerOptions.MisfireThreshold"/> is caught up one by one; later than that (every Scheduler was
    /// down), it fires once and the slots that passed meanwhile are counted as missed.
    /// </summary>
    /// <returns>When the schedule is due next; null when it needs no timer (deleted, paused or ended).</returns>
    public async Task<DateTimeOffset?> FireDueAsync(string scheduleId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Schedules.SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
            if (row?.NextFireAt is not { } slot)
                return null;
            var now = time.GetUtcNow();
            if (row.State != ScheduleStates.Active)
            {
                // Paused while this slot was being fired (or after a crash mid-firing): count the instance it created.
                if (slot > now || !await RecordCreatedAsync(db, row, slot, ct) || await TrySaveAsync(db, row, now, attempt, ct))
                    return null;
                continue;
            }
            if (slot > now)
                return slot;

            var spec = ScheduleDefinition.SpecOf(row);
            await ReleasePendingAsync(db, row, ct);
            await FireAsync(db, row, slot, ct);
            if (now - slot > options.Value.MisfireThreshold)
            {
                var missed = spec.CountBetween(slot, now);
                row.MissedCount += missed;
                row.NextFireAt = spec.NextAfter(now);
                logger.LogWarning("Schedule {Schedule} fired its slot {Slot} {Late} late, once; {Missed} later slot(s) passed meanwhile and are counted as missed.",
                    row.Id, slot, now - slot, missed);
            }
            else
                row.NextFireAt = spec.NextAfter(slot);
            if (await TrySaveAsync(db, row, now, attempt, ct))
                return row.NextFireAt;
        }
    }

    /// <summary>Fires the schedule now (its slot is this second), under its overlap policy, whether it is active or paused.</summary>
    public async Task<ScheduleTriggered> TriggerAsync(string scheduleId, CancellationToken ct)
    {
        var slot = ScheduleIds.WholeSeconds(time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Schedules.SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
            if (row is null)
                return new ScheduleTriggered(scheduleId, ScheduleFiringOutcomes.NotFound, null, slot);
            await ReleasePendingAsync(db, row, ct);
            var outcome = await FireAsync(db, row, slot, ct);
            if (await TrySaveAsync(db, row, time.GetUtcNow(), attempt, ct))
                return new ScheduleTriggered(scheduleId, outcome, outcome == ScheduleFiringOutcomes.Skipped ? null : ScheduleIds.FireId(scheduleId, slot), slot);
        }
    }

    /// <summary>bufferOne: once the schedule's previous instance has ended, starts the firing it held.</summary>
    public async Task ReleasePendingAsync(string scheduleId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Schedules.SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
            if (row?.PendingFireAt is null || !await ReleasePendingAsync(db, row, ct))
                return;
            if (await TrySaveAsync(db, row, time.GetUtcNow(), attempt, ct))
                return;
        }
    }

    private async Task<bool> ReleasePendingAsync(WorkflowsDbContext db, ScheduleRow row, CancellationToken ct)
    {
        if (row.PendingFireAt is not { } pending || await PreviousIsRunningAsync(db, row, ct))
            return false;
        row.PendingFireAt = null;
        await CreateAsync(db, row, pending, ct);
        return true;
    }

    /// <returns>A <see cref="ScheduleFiringOutcomes"/> value; the row holds its effect (counts, last instance, pending slot), unsaved.</returns>
    private async Task<string> FireAsync(WorkflowsDbContext db, ScheduleRow row, DateTimeOffset slot, CancellationToken ct)
    {
        var id = ScheduleIds.FireId(row.Id, slot);
        if (id == row.LastInstanceId || row.PendingFireAt == slot)
            return row.PendingFireAt == slot ? ScheduleFiringOutcomes.Buffered : ScheduleFiringOutcomes.Fired;
        // An earlier run of this firing created the instance and died before it saved the row: count it, do not judge it again.
        if (await RecordCreatedAsync(db, row, slot, ct))
            return ScheduleFiringOutcomes.Fired;
        if (row.Overlap != ScheduleOverlaps.Allow && await PreviousIsRunningAsync(db, row, ct))
        {
            switch (row.Overlap)
            {
                case ScheduleOverlaps.BufferOne when row.PendingFireAt is null:
                    row.PendingFireAt = slot;
                    logger.LogInformation("Schedule {Schedule}: slot {Slot} waits for {Previous} to end (bufferOne).", row.Id, slot, row.LastInstanceId);
                    return ScheduleFiringOutcomes.Buffered;
                case ScheduleOverlaps.TerminatePrevious:
                    await TerminateAsync(row.LastInstanceId!, ct);
                    break;
                default:
                    Skip(row, slot, $"its previous instance {row.LastInstanceId} has not ended ({row.Overlap})");
                    return ScheduleFiringOutcomes.Skipped;
            }
        }
        return await CreateAsync(db, row, slot, ct);
    }

    private async Task<string> CreateAsync(WorkflowsDbContext db, ScheduleRow row, DateTimeOffset slot, CancellationToken ct)
    {
        if (!await db.WorkflowDefinitions.AnyAsync(w => w.Name == row.Workflow, ct))
        {
            Skip(row, slot, $"no Executor has registered workflow '{row.Workflow}'");
            return ScheduleFiringOutcomes.Skipped;
        }
        var id = ScheduleIds.FireId(row.Id, slot);
        var instance = new NewInstance(row.Workflow, id, row.ParamsJson, Schedule: new ScheduleFiring(row.Id, row.Every, row.Cron, slot));
        var client = clients.CreateRequestClient<CreateInstances>(QueueNames.Address(QueueNames.CreateInstances), RequestTimeout);
        var response = await client.GetResponse<InstancesCreated, InstancesRejected>(new CreateInstances([instance]), ct);
        // A rejection naming the id: this slot's instance exists already (an earlier run of this firing created it).
        if (response.Is(out Response<InstancesRejected>? rejected) && rejected.Message.InstanceIds.Count == 0)
        {
            Skip(row, slot, $"the Orchestrator refused the instance: {rejected.Message.Reason}");
            return ScheduleFiringOutcomes.Skipped;
        }
        row.LastInstanceId = id;
        row.FiredCount++;
        metrics.RecordFiring(row.Id, time.GetUtcNow() - slot);
        logger.LogDebug("Schedule {Schedule} fired slot {Slot} as {Instance}.", row.Id, slot, id);
        return ScheduleFiringOutcomes.Fired;
    }

    /// <returns>Whether the slot's instance exists but the row does not count it yet (now it does).</returns>
    private static async Task<bool> RecordCreatedAsync(WorkflowsDbContext db, ScheduleRow row, DateTimeOffset slot, CancellationToken ct)
    {
        var id = ScheduleIds.FireId(row.Id, slot);
        if (id == row.LastInstanceId || !await db.Instances.AnyAsync(i => i.InstanceId == id, ct))
            return false;
        row.LastInstanceId = id;
        row.FiredCount++;
        return true;
    }

    private void Skip(ScheduleRow row, DateTimeOffset slot, string why)
    {
        row.SkippedCount++;
        metrics.RecordSkip(row.Id);
        logger.LogInformation("Schedule {Schedule} skipped slot {Slot}: {Why}.", row.Id, slot, why);
    }

    private static async Task<bool> PreviousIsRunningAsync(WorkflowsDbContext db, ScheduleRow row, CancellationToken ct)
    {
        if (row.LastInstanceId is null)
            return false;
        var state = await db.Instances.AsNoTracking().Where(i => i.InstanceId == row.LastInstanceId).Select(i => i.CurrentState).FirstOrDefaultAsync(ct);
        return state is not null && !InstanceStates.HasEnded(state);
    }

    /// <summary>terminatePrevious: the saga answers once the instance is terminated (or has ended anyway, a rejection).</summary>
    private async Task TerminateAsync(string instanceId, CancellationToken ct)
    {
        var client = clients.CreateRequestClient<TerminateInstance>(QueueNames.Address(QueueNames.WorkflowInstancePrompt), RequestTimeout);
        await client.GetResponse<InstanceCommandAccepted, InstanceCommandRejected>(new TerminateInstance(instanceId), ct);
        logger.LogInformation("Terminated {Instance} for the next firing of its schedule (terminatePrevious).", instanceId);
    }

    private async Task<bool> TrySaveAsync(WorkflowsDbContext db, ScheduleRow row, DateTimeOffset now, int attempt, CancellationToken ct)
    {
        row.UpdatedAt = ScheduleStore.Stored(now);
        row.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
        {
            // The Api or another firing wrote the row meanwhile: fire again from what it says now.
            return false;
        }
    }
}
