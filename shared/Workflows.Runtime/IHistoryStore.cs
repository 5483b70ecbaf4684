namespace Workflows.Runtime;

/// <summary>
/// Where step history and event inboxes live. Steps are keyed by (instance id, generation, step key),
/// so a stale run of an old generation can never touch a restarted instance's history.
/// Each method is one transaction. Implementations must be safe for concurrent calls.
/// </summary>
public interface IHistoryStore
{
    /// <summary>All step records of one generation of an instance, in any order.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="generation">The generation.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The records (empty when there are none).</returns>
    Task<IReadOnlyList<StepRecord>> LoadStepsAsync(string instanceId, long generation, CancellationToken ct = default);

    /// <summary>Inserts or replaces the record with the same (instance id, generation, key): one step outcome.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="generation">The generation.</param>
    /// <param name="step">The record.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A task that completes once the record is durable.</returns>
    Task SaveStepAsync(string instanceId, long generation, StepRecord step, CancellationToken ct = default);

    /// <summary>Adds an event to its instance's inbox, unless an event with the same (instance id, event id) is there.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>True if added, false if it was a duplicate.</returns>
    Task<bool> AppendEventAsync(InboxEvent evt, CancellationToken ct = default);

    /// <summary>
    /// In one transaction: takes the oldest (by arrival) unconsumed event of <paramref name="waitingStep"/>'s
    /// <see cref="StepRecord.EventType"/> for the instance, marks it consumed by (generation, step key), and saves
    /// the step as <see cref="StepStatus.Complete"/> with <see cref="StepRecord.EndedAt"/> = <paramref name="now"/>
    /// and <see cref="StepRecord.ResultJson"/> = <see cref="InboxEvent.ToResultJson"/>.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="generation">The generation.</param>
    /// <param name="waitingStep">The wait step's record.</param>
    /// <param name="now">The completion time.</param>
    /// <param name="ct">Cancellation.</param>
    /// <remarks>
    /// When the step already took an event (another run of the same instance got there first), returns that event
    /// again and changes nothing: a wait takes at most one event, and an event goes to at most one wait.
    /// </remarks>
    /// <returns>The consumed event, or null when none is buffered (then nothing changes).</returns>
    Task<InboxEvent?> TryConsumeEventAsync(string instanceId, long generation, StepRecord waitingStep, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// For "restart from step X": copies the steps of <paramref name="fromGeneration"/> whose
    /// <see cref="StepRecord.Sequence"/> is lower than X's into <paramref name="toGeneration"/>.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="fromGeneration">The generation to copy from.</param>
    /// <param name="toGeneration">The new generation (expected empty).</param>
    /// <param name="fromStepKey">X's key, such as <c>charge card#1</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many steps were copied.</returns>
    /// <exception cref="KeyNotFoundException">No step with that key exists in <paramref name="fromGeneration"/>.</exception>
    Task<int> CopyStepsBeforeAsync(string instanceId, long fromGeneration, long toGeneration, string fromStepKey, CancellationToken ct = default);
}
