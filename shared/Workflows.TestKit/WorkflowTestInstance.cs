using System.Text;
using System.Text.Json;
using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.TestKit;

/// <summary>An instance running in a <see cref="WorkflowTestEnvironment"/>: drive it and inspect what a user would see.</summary>
public sealed class WorkflowTestInstance
{
    // A workflow that keeps scheduling new wake-ups forever would otherwise hang the test.
    private const int MaxRunsPerCall = 100_000;

    private readonly WorkflowTestEnvironment env;
    private readonly WorkflowRunner runner;
    private readonly string? parentId;
    private InstanceDescriptor descriptor;
    private IReadOnlyList<StepRecord> steps = [];

    internal WorkflowTestInstance(WorkflowTestEnvironment env, WorkflowRunner runner, InstanceDescriptor descriptor, string? parentId)
    {
        this.env = env;
        this.runner = runner;
        this.descriptor = descriptor;
        this.parentId = parentId;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId => descriptor.InstanceId;

    /// <summary>The workflow name.</summary>
    public string WorkflowName => descriptor.WorkflowName;

    /// <summary>Where the instance stands.</summary>
    public InstanceStatus Status { get; private set; } = InstanceStatus.Waiting;

    /// <summary>The output as JSON when <see cref="Status"/> is <see cref="InstanceStatus.Complete"/>.</summary>
    public string? OutputJson { get; private set; }

    /// <summary>The output as a JSON element when complete.</summary>
    public JsonElement? Output => OutputJson is null ? null : JsonDocument.Parse(OutputJson, WorkflowJson.DocumentOptions).RootElement.Clone();

    /// <summary>The error when <see cref="Status"/> is <see cref="InstanceStatus.Errored"/>.</summary>
    public WorkflowError? Error { get; private set; }

    /// <summary>How the rollbacks of the completed steps went, once they ran (the instance failed, or was terminated with rollback).</summary>
    public RollbackResult? Rollback { get; private set; }

    /// <summary>The next wake-up (sleep, retry or wait deadline) while waiting.</summary>
    public DateTimeOffset? WakeAt { get; private set; }

    /// <summary>The event types the instance waits for.</summary>
    public IReadOnlyList<string> AwaitedEventTypes { get; private set; } = [];

    /// <summary>How many times the workflow ran (from the top) so far.</summary>
    public int Runs { get; private set; }

    /// <summary>The step history in the order steps were first reached: name, kind, status, attempts, result, error.</summary>
    public IReadOnlyList<StepRecord> Steps => steps;

    /// <summary>The payloads the workflow gave <c>step.ReportProgress</c>, oldest first (reported again when a replay runs the call again).</summary>
    public IReadOnlyList<JsonElement> Progress =>
        [.. env.Events.Of(InstanceId).Where(e => e.Kind == RunEventKind.Progress)
            .Select(e => JsonDocument.Parse(e.DataJson ?? "null", WorkflowJson.DocumentOptions).RootElement.Clone())];

    /// <summary>The latest progress payload, as the instance's status shows it; null when none was reported.</summary>
    public JsonElement? LatestProgress => Progress is [.., var last] ? last : null;

    /// <summary>What the instance's runs reported (step attempts, sleeps, waits, progress), oldest first: its event stream.</summary>
    public IReadOnlyList<RunEvent> Events => env.Events.Of(InstanceId);

    /// <summary>One step's record.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="occurrence">Which use of the name (1 for the first).</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidOperationException">The step was never reached.</exception>
    public StepRecord Step(string name, int occurrence = 1) =>
        steps.FirstOrDefault(s => s.Name == name && s.Occurrence == occurrence)
        ?? throw new InvalidOperationException($"Step '{name}' (occurrence {occurrence}) was not reached. Steps: {string.Join(", ", steps.Select(s => s.Key))}.");

    /// <summary>The output read as <typeparamref name="T"/> (JSON web defaults).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <returns>The output.</returns>
    /// <exception cref="InvalidOperationException">The instance is not complete.</exception>
    public T GetOutput<T>() =>
        Status == InstanceStatus.Complete
            ? WorkflowJson.Deserialize<T>(OutputJson)
            : throw new InvalidOperationException($"Instance '{InstanceId}' is {Status}, not Complete{(Error is null ? "" : $" ({Error.Name}: {Error.Message})")}.");

    /// <summary>Sends an event to the instance and runs it until it finishes or waits again.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="payload">The payload (serialized to JSON).</param>
    /// <param name="eventId">The event id for deduplication; default a new id.</param>
    /// <returns>A task that completes when the instance is idle.</returns>
    /// <exception cref="ArgumentException">The payload is bigger than the event payload limit.</exception>
    public async Task SendEventAsync(string type, object? payload, string? eventId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var json = WorkflowJson.Serialize(payload);
        var size = Encoding.UTF8.GetByteCount(json);
        if (size > env.RuntimeOptions.MaxEventPayloadBytes)
            throw new ArgumentException($"The event payload is {size:N0} bytes of JSON; the limit is {env.RuntimeOptions.MaxEventPayloadBytes:N0} bytes.", nameof(payload));
        await env.Store.AppendEventAsync(new InboxEvent(InstanceId, eventId ?? Guid.NewGuid().ToString("N"), type, json, env.Now)).ConfigureAwait(false);
        if (Status is InstanceStatus.Waiting)
            await SettleAsync(until: null).ConfigureAwait(false);
    }

    /// <summary>Approves the instance as <c>POST .../approve</c> does: <c>step.WaitForApproval</c> returns the decision.</summary>
    /// <param name="by">Who approves (the API key's name in the engine).</param>
    /// <param name="reason">Why.</param>
    /// <returns>A task that completes when the instance is idle.</returns>
    public Task ApproveAsync(string by = "test", string? reason = null) =>
        SendEventAsync(ApprovalDecision.EventType, new ApprovalDecision(true, reason, By: by));

    /// <summary>Rejects the instance as <c>POST .../reject</c> does: <c>step.WaitForApproval</c> throws <see cref="WorkflowRejectedException"/>.</summary>
    /// <param name="by">Who rejects (the API key's name in the engine).</param>
    /// <param name="reason">Why.</param>
    /// <returns>A task that completes when the instance is idle.</returns>
    public Task RejectAsync(string by = "test", string? reason = null) =>
        SendEventAsync(ApprovalDecision.EventType, new ApprovalDecision(false, reason, By: by));

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, running everything that falls due on the way
    /// (including event waits that time out), then keeps skipping sleeps as usual.
    /// </summary>
    /// <param name="by">How far.</param>
    /// <returns>A task that completes when the instance is idle.</returns>
    public Task AdvanceTimeAsync(Duration by) => SettleAsync(env.Now + by.Value);

    /// <summary>Skips all time, timing out event waits, until the instance completes or fails.</summary>
    /// <returns>A task that completes when the instance has ended.</returns>
    public Task SkipTimeAsync() => SettleAsync(DateTimeOffset.MaxValue);

    /// <summary>Pauses: the instance does not run until <see cref="ResumeAsync"/>.</summary>
    /// <returns>A completed task.</returns>
    public Task PauseAsync()
    {
        if (Status == InstanceStatus.Waiting)
            Status = InstanceStatus.Paused;
        return Task.CompletedTask;
    }

    /// <summary>Resumes a paused instance and runs it until idle.</summary>
    /// <returns>A task that completes when the instance is idle.</returns>
    public Task ResumeAsync()
    {
        if (Status != InstanceStatus.Paused)
            return Task.CompletedTask;
        Status = InstanceStatus.Waiting;
        return SettleAsync(until: null);
    }

    /// <summary>Ends the instance for good; with <paramref name="rollback"/>, the rollbacks of its completed steps run first (see <see cref="Rollback"/>).</summary>
    /// <param name="rollback">Run the rollbacks of the completed steps, latest first.</param>
    /// <returns>A task that completes once the instance has ended.</returns>
    public async Task TerminateAsync(bool rollback = false)
    {
        if (Status is not (InstanceStatus.Waiting or InstanceStatus.Paused))
            return;
        Status = InstanceStatus.Terminated;
        if (rollback)
        {
            var outcome = await runner.RunAsync(descriptor with { RollingBack = true }).ConfigureAwait(false);
            Runs++;
            steps = await env.Store.LoadStepsAsync(InstanceId, descriptor.Generation).ConfigureAwait(false);
            Rollback = (outcome as RunRolledBack)?.Rollback;
        }
        await NotifyParentAsync().ConfigureAwait(false);
    }

    /// <summary>Discards the history (or, with <paramref name="fromStep"/>, that step's and later ones) and runs again with the same params.</summary>
    /// <param name="fromStep">The name of the first step to run again; null for the start.</param>
    /// <returns>A task that completes when the instance is idle.</returns>
    public async Task RestartAsync(string? fromStep = null)
    {
        var next = descriptor with { Generation = descriptor.Generation + 1 };
        if (fromStep is not null)
            await env.Store.CopyStepsBeforeAsync(InstanceId, descriptor.Generation, next.Generation, StepKey.Format(fromStep, 1)).ConfigureAwait(false);
        descriptor = next;
        (Status, OutputJson, Error) = (InstanceStatus.Waiting, null, null);
        await SettleAsync(until: null).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs until the instance is idle. Wake-ups are followed when nothing awaits an event, or when they fall
    /// at or before <paramref name="until"/>; the clock then moves to <paramref name="until"/> if it is later.
    /// </summary>
    internal async Task SettleAsync(DateTimeOffset? until)
    {
        for (var run = 0; Status == InstanceStatus.Waiting; run++)
        {
            if (run >= MaxRunsPerCall)
                throw new InvalidOperationException($"Instance '{InstanceId}' ran {MaxRunsPerCall:N0} times without settling; does it loop forever?");

            var outcome = await runner.RunAsync(descriptor).ConfigureAwait(false);
            Runs++;
            steps = await env.Store.LoadStepsAsync(InstanceId, descriptor.Generation).ConfigureAwait(false);
            (WakeAt, AwaitedEventTypes) = (null, []);
            switch (outcome)
            {
                case RunCompleted completed:
                    (Status, OutputJson) = (InstanceStatus.Complete, completed.OutputJson);
                    await NotifyParentAsync().ConfigureAwait(false);
                    return;
                case RunFailed failed:
                    (Status, Error, Rollback) = (InstanceStatus.Errored, new WorkflowError(failed.ErrorName, failed.Message), failed.Rollback);
                    await NotifyParentAsync().ConfigureAwait(false);
                    return;
                case RunTerminated:
                    Status = InstanceStatus.Terminated;
                    return;
                case RunPaused:
                    Status = InstanceStatus.Paused;
                    return;
                case RunSuspended suspended:
                    (WakeAt, AwaitedEventTypes) = (suspended.WakeAt, suspended.AwaitedEventTypes);
                    if (suspended.WakeAt is { } wake && (suspended.AwaitedEventTypes.Count == 0 || wake <= until))
                    {
                        MoveClockTo(wake);
                        continue;
                    }
                    if (until is { } target && target > env.Now && target != DateTimeOffset.MaxValue)
                    {
                        MoveClockTo(target);
                        until = null;
                        continue;
                    }
                    return;
            }
        }
    }

    /// <summary>A child that ended tells its parent, as the Orchestrator does.</summary>
    private Task NotifyParentAsync() => parentId is null
        ? Task.CompletedTask
        : env.DeliverChildOutcomeAsync(parentId, InstanceId, OutputJson,
            Status == InstanceStatus.Terminated ? new WorkflowError(RuntimeErrorNames.ChildTerminated, $"The child instance '{InstanceId}' was terminated.") : Error);

    private void MoveClockTo(DateTimeOffset time)
    {
        if (time > env.Now)
            env.Time.SetUtcNow(time);
    }
}
