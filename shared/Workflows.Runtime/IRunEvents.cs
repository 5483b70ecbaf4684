namespace Workflows.Runtime;

/// <summary>
/// Where a run reports step attempts, sleeps, waits and progress as they happen (the instance's event stream). Unlike the
/// <see cref="IHistoryStore"/> this is a log of what happened, not state: replay reports nothing for steps it replays,
/// but progress is reported again each time the code calling <c>ReportProgress</c> runs.
/// </summary>
public interface IRunEvents
{
    /// <summary>Records one event of an instance.</summary>
    /// <param name="instance">The instance the run belongs to.</param>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A task that completes once the event is recorded, or queued behind the ones before it (see <see cref="FlushAsync"/>).</returns>
    Task RecordAsync(InstanceDescriptor instance, RunEvent evt, CancellationToken ct = default);

    /// <summary>
    /// Completes once every event recorded before it is durable. The runner calls it before it returns an outcome, so
    /// a run's events are in the log before whatever the outcome leads to (the instance's completion) is.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A task that completes once the events are durable.</returns>
    Task FlushAsync(CancellationToken ct = default);
}
