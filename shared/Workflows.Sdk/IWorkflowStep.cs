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

    /// <summary>
    /// Reports progress: the instance's status shows the latest report (<c>progress</c>), its event stream and lifecycle
    /// observers receive each one (<c>InstanceProgress</c> with the payload). Not durable and not a step: it is not
    /// replayed from history, so code that runs again on replay reports again; report from inside a step body to report once per attempt.
    /// </summary>
    /// <param name="progress">Any value that serializes to JSON (as large as a step result may be), such as <c>new { done = 3, of = 10 }</c>.</param>
    /// <returns>A task that completes once the report is recorded.</returns>
    /// <exception cref="ArgumentException">The value cannot be written as JSON, or is larger than a step result may be.</exception>
    Task ReportProgress(object? progress);

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

    /// <summary>
    /// Waits for a decision on this instance (<c>POST .../approve</c> or <c>.../reject</c>): a
    /// <see cref="WaitForEvent{T}"/> of type <see cref="ApprovalDecision.EventType"/> underneath, so an approval sent
    /// before the wait is reached is buffered, and replay returns the same decision.
    /// </summary>
    /// <param name="name">The step name.</param>
    /// <param name="options">The timeout; null for the default of 24 hours.</param>
    /// <returns>The approval.</returns>
    /// <exception cref="WorkflowRejectedException">The instance was rejected (non-retryable; also on every replay).</exception>
    /// <exception cref="WorkflowTimeoutException">No decision arrived before the timeout.</exception>
    async Task<ApprovalDecision> WaitForApproval(string name, WaitForApprovalOptions? options = null)
    {
        var received = await WaitForEvent<ApprovalDecision>(name, new WaitForEventOptions
        {
            Type = ApprovalDecision.EventType,
            Timeout = (options ?? new WaitForApprovalOptions()).Timeout,
        }).ConfigureAwait(false);
        // An approval event without a payload decides nothing: treat it as a rejection rather than an approval.
        var decision = received.Payload ?? new ApprovalDecision(false, "The approval event carried no decision.");
        return decision.Approved ? decision : throw new WorkflowRejectedException(decision);
    }

    /// <summary>
    /// Runs <paramref name="fn"/> like <see cref="Do{T}(string, StepConfig, Func{CancellationToken, Task{T}})"/> and registers
    /// <paramref name="rollback"/>: when the instance fails for good (or is terminated with rollback), the rollbacks of the
    /// steps that completed run in reverse order of their start, each a durable step of its own, retried, at most once to completion.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="name">The step name.</param>
    /// <param name="config">Retries and timeout of the step.</param>
    /// <param name="fn">The step body.</param>
    /// <param name="rollback">Undoes the step: gets the rollback attempt's context, the step's output, the instance's error
    /// (null when the instance was terminated) and a token that fires on the rollback's timeout.</param>
    /// <param name="rollbackConfig">Retries and timeout of the rollback; default <see cref="StepConfig.Default"/>.</param>
    /// <returns>The persisted result.</returns>
    /// <exception cref="WorkflowStepException">The step failed for good (also on every replay).</exception>
    Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn,
        Func<StepContext, T, WorkflowStepException?, CancellationToken, Task> rollback, StepConfig? rollbackConfig = null);

    /// <summary>
    /// A graph of steps where each node names the nodes it depends on and receives their results. Every node is a durable
    /// step that runs at most once however many nodes depend on it; a node starts when it is awaited, directly or as a dependency.
    /// </summary>
    /// <returns>A new, empty graph.</returns>
    WorkflowGraph Graph() => new(this);

    /// <summary>How many attempts of a step were persisted (the attempt that completed it included); 0 when it has none yet.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="occurrence">Which use of the name in the run, 1-based.</param>
    /// <returns>The persisted attempt count.</returns>
    int AttemptsOf(string name, int occurrence = 1);

    /// <summary>
    /// Starts a child instance of <typeparamref name="TChild"/> and waits for its output without holding an Executor slot.
    /// The child's id is deterministic (<c>{parent id}-{step name}-{occurrence}</c>, or <see cref="ChildWorkflowOptions.Id"/>),
    /// so a replay never starts it twice.
    /// </summary>
    /// <typeparam name="TChild">The child's workflow class (its <see cref="WorkflowAttribute"/> name is used).</typeparam>
    /// <typeparam name="TResult">The child's output type.</typeparam>
    /// <param name="name">The step name.</param>
    /// <param name="parameters">The child's params (serialized to JSON).</param>
    /// <param name="options">Id, parent-close policy and timeout.</param>
    /// <returns>The child's output.</returns>
    /// <exception cref="WorkflowStepException">The child ended errored (its error name and message) or terminated.</exception>
    /// <exception cref="WorkflowTimeoutException">The child did not finish within <see cref="ChildWorkflowOptions.Timeout"/>.</exception>
    Task<TResult> Invoke<TChild, TResult>(string name, object? parameters, ChildWorkflowOptions? options = null)
        where TChild : class =>
        Invoke<TResult>(name, WorkflowAttribute.NameOf(typeof(TChild)), parameters, options);

    /// <summary>The untyped form of <see cref="Invoke{TChild, TResult}"/>: the child is named by its registered workflow name.</summary>
    /// <typeparam name="TResult">The child's output type.</typeparam>
    /// <param name="name">The step name.</param>
    /// <param name="workflow">The child's registered workflow name.</param>
    /// <param name="parameters">The child's params (serialized to JSON).</param>
    /// <param name="options">Id, parent-close policy and timeout.</param>
    /// <returns>The child's output.</returns>
    /// <exception cref="WorkflowStepException">The child ended errored (its error name and message) or terminated.</exception>
    /// <exception cref="WorkflowTimeoutException">The child did not finish within <see cref="ChildWorkflowOptions.Timeout"/>.</exception>
    Task<TResult> Invoke<TResult>(string name, string workflow, object? parameters, ChildWorkflowOptions? options = null);
}
