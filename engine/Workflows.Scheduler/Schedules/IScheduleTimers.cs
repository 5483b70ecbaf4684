namespace Workflows.Scheduler.Schedules;

/// <summary>
/// Wakes <see cref="ScheduleFirer.FireDueAsync"/> for a schedule at its next slot: Quartz jobs on RabbitMQ and
/// PostgreSQL, a ticker in the embedded default. A timer only wakes the firing; the schedule's row says what is due.
/// </summary>
public interface IScheduleTimers
{
    /// <summary>Sets the schedule's timer to <paramref name="at"/>, or removes it (null: deleted, paused or ended).</summary>
    Task SetAsync(string scheduleId, DateTimeOffset? at, CancellationToken ct);
}
