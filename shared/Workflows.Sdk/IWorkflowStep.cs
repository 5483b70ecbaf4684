namespace Workflows.Sdk;

/// <summary>
/// Durable building blocks of a workflow. Each call is identified by its name plus the number
/// of times that name was used before in this run, so names must be deterministic.
/// A call that has to wait (a sleep, an event, a long retry backoff) returns a task that does
/// not complete in this run; it never throws through your code, and the engine resumes the
/// workflow later by running it again from the top.
/// </summary>
public interface IWorkflowStep
{
    /// <summary>Runs <paramref name="fn"/> once (with the default retries and timeout) and persists its result.</summary>
    /// <typeparam name="T">The result type; it is stored as JSON and every caller sees the JSON round-tripped value.</typeparam>
    /// <param name="name">The step name: 1–256 characters, no control characters.</param>
    /// <param name="fn">The step body; its token fires on the step timeout and on terminate.
    /// <see cref="StepContext.Current"/> gives the attempt number inside it.</param>
    /// <returns>The persisted result.</returns>
    /// <exception cref="WorkflowStepException">The step failed for good (also on every replay).</exception>
    Task<T> Do<T>(string name, Func<CancellationToken, Task<T>> fn);

    /// <summary>Runs <paramref name="fn"/> once with the given retries and timeout and persists its result.</summary>
    /// <typeparam name="T">The result type; it is stored as JSON and every caller sees the JSON round-tripped value.</typeparam>
    /// <param name="name">The step name: 1–256 characters, no control characters.</param>
    /// <param name="config">Retries and timeout.</param>
    /// <param name="fn">The step body; its token fires on the step timeout and on terminate.</param>
    /// <returns>The persisted result.</returns>
    /// <exception cref="WorkflowStepException">The step failed for good (also on every replay).</exception>
    Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn);

    /// <summary>Runs <paramref name="fn"/> once (with the default retries and timeout) and records that it completed.</summary>
    /// <param name="name">The step name: 1–256 characters, no control characters.</param>
    /// <param name="fn">The step body; its token fires on the step timeout and on terminate.</param>
    /// <returns>A task that completes when the step has completed and been persisted.</returns>
    /// <exception cref="WorkflowStepException">The step failed for good (also on every replay).</exception>
    Task Do(string name, Func<CancellationToken, Task> fn);

    /// <summary>Runs <paramref name="fn"/> once with the given retries and timeout and records that it completed.</summary>
    /// <param name="name">The step name: 1–256 characters, no control characters.</param>
    /// <param name="config">Retries and timeout.</param>
    /// <param name="fn">The step body; its token fires on the step timeout and on terminate.</param>
    /// <returns>A task that completes when the step has completed and been persisted.</returns>
    /// <exception cref="WorkflowStepException">The step failed for good (also on every replay).</exception>
    Task Do(string name, StepConfig config, Func<CancellationToken, Task> fn);

    /// <summary>A durable sleep of at most 365 days. It does not count toward the step limit.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="duration">How long: a <see cref="TimeSpan"/>, milliseconds or text such as "1 hour".</param>
    /// <returns>A task that completes once the due time (fixed when the sleep is first reached) has passed.</returns>
    Task Sleep(string name, Duration duration);

    /// <summary>A durable sleep until an instant at most 365 days away.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="until">When to wake up.</param>
    /// <returns>A task that completes once <paramref name="until"/> has passed.</returns>
    /// <exception cref="ArgumentException"><paramref name="until"/> is in the past when the sleep is first reached.</exception>
    Task SleepUntil(string name, DateTimeOffset until);

    /// <summary>
    /// Waits for an event of <see cref="WaitForEventOptions.Type"/> sent to this instance. Events sent
    /// before the wait is reached are buffered and consumed in arrival order, each by at most one wait.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="name">The step name.</param>
    /// <param name="options">The event type and the timeout.</param>
    /// <returns>The event.</returns>
    /// <exception cref="WorkflowTimeoutException">No event arrived before the timeout (also on every replay).</exception>
    Task<WorkflowEventReceived<T>> WaitForEvent<T>(string name, WaitForEventOptions options);
}
