using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;

namespace Workflows.Storage.Schedules;

/// <summary>Writes of schedule definitions, shared by the Api's <c>PUT</c> and the schedules a process declares at start.</summary>
public static class ScheduleStore
{
    /// <summary>An instant as PostgreSQL keeps it (whole microseconds), so what a write answers is what a later read returns.</summary>
    public static DateTimeOffset Stored(DateTimeOffset instant) => new(instant.UtcTicks - instant.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>
    /// Creates the schedule, or updates it when its definition differs (next slot recomputed from now, counts and state
    /// kept), or leaves it alone when it is the same. Two upserts racing on a new id: the loser updates.
    /// </summary>
    public static async Task<(ScheduleUpsert Outcome, ScheduleRow Row)> UpsertAsync(
        IDbContextFactory<WorkflowsDbContext> factory, ScheduleDefinition definition, ScheduleSpec spec, DateTimeOffset now, CancellationToken ct)
    {
        now = Stored(now);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Schedules.SingleOrDefaultAsync(s => s.Id == definition.Id, ct);
            var outcome = ScheduleUpsert.Updated;
            if (row is null)
            {
                row = new ScheduleRow { Id = definition.Id, Workflow = definition.Workflow, Overlap = definition.Overlap, State = ScheduleStates.Active, CreatedAt = now };
                db.Schedules.Add(row);
                outcome = ScheduleUpsert.Created;
            }
            else if (ScheduleDefinition.Of(row) == definition)
                return (ScheduleUpsert.Unchanged, row);

            row.Workflow = definition.Workflow;
            row.ParamsJson = definition.ParamsJson;
            row.Every = definition.Every;
            row.Cron = definition.Cron;
            row.TimeZone = definition.TimeZone;
            row.Overlap = definition.Overlap;
            row.StartAt = definition.StartAt;
            row.EndAt = definition.EndAt;
            row.NextFireAt = spec.NextAfter(now);
            row.UpdatedAt = now;
            row.Revision++;
            try
            {
                await db.SaveChangesAsync(ct);
                return (outcome, row);
            }
            catch (DbUpdateException e) when (attempt < 5 && (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e)))
            {
                // Someone else wrote the row meanwhile: compare with what they wrote.
            }
        }
    }
}
