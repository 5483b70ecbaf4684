using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>
/// <c>Invoke</c>: starts a child instance (idempotent by its deterministic id, then the step is persisted as waiting), then
/// waits like <c>WaitForEvent</c> for the child's <see cref="ChildOutcome"/> event, holding no Executor slot meanwhile.
/// </summary>
internal sealed class InvokeStep(StepHost host, IChildWorkflowStarter? starter)
{
    public Task<T> Run<T>(string name, string workflow, object? parameters, ChildWorkflowOptions? options)
    {
        options ??= new ChildWorkflowOptions();
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException<T>(new ArgumentException(problem, nameof(name)));
        if (WorkflowNames.ValidateWorkflowName(workflow) is { } badWorkflow)
            return Task.FromException<T>(new ArgumentException(badWorkflow, nameof(workflow)));
        if (options.Timeout.Value > SleepStep.MaxSleep)
            return Task.FromException<T>(new ArgumentException($"Invoke '{name}' timeout is {options.Timeout.Value}; it can be at most 365 days.", nameof(options)));

        var reached = host.State.Reach(name);
        var childId = options.Id ?? ChildOutcome.ChildId(host.Instance.InstanceId, name, reached.Occurrence);
        if (InstanceIds.Validate(childId) is { } badId)
            return Task.FromException<T>(new ArgumentException($"Invoke '{name}': {badId}.", nameof(options)));
        var now = host.Time.GetUtcNow();
        var isNew = false;
        StepRecord waiting;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != StepKind.Invoke)
                return host.NonDeterministic<T>(recorded, StepKind.Invoke);
            switch (recorded.Status)
            {
                case StepStatus.Complete:
                    return Outcome<T>(name, recorded.ResultJson);
                case StepStatus.TimedOut:
                    return Task.FromException<T>(new WorkflowTimeoutException(name, recorded.ErrorMessage ?? "Timed out."));
                case StepStatus.Errored:
                    return Task.FromException<T>(new WorkflowStepException(name, recorded.ErrorName ?? RuntimeErrorNames.ChildRejected, recorded.ErrorMessage ?? ""));
            }
            if (host.RollingBack)
                return NeverTask.Of<T>();
            waiting = recorded;
        }
        else
        {
            if (host.RollingBack)
                return NeverTask.Of<T>();
            if (host.PauseRequested)
                return host.State.BlockForPause<T>();
            if (starter is null)
                return Task.FromException<T>(new WorkflowStepException(name, RuntimeErrorNames.ChildWorkflowsUnavailable,
                    $"Invoke '{name}': this process cannot start child workflows."));
            if (!host.TryCountStep(name))
                return NeverTask.Of<T>();
            waiting = host.State.Begin(reached, StepKind.Invoke, StepStatus.Waiting, now, now + options.Timeout.Value, ChildOutcome.EventType(childId));
            isNew = true;
        }

        return host.Pump.StartInFlight<T>(async () =>
        {
            if (isNew)
            {
                // Started before the step is saved: a crash in between starts it again, which its id makes a no-op.
                var child = new ChildStart(host.Instance.InstanceId, workflow, childId, WorkflowJson.Serialize(parameters),
                    options.ParentClosePolicy == ParentClosePolicy.Terminate);
                if (await starter!.StartAsync(child, CancellationToken.None).ConfigureAwait(false) is { } refused)
                {
                    var message = $"Step '{name}' could not start child instance '{childId}': {refused}";
                    await host.SaveAsync(waiting with { Status = StepStatus.Errored, EndedAt = host.Time.GetUtcNow(), ErrorName = RuntimeErrorNames.ChildRejected, ErrorMessage = message }).ConfigureAwait(false);
                    return () => Task.FromException<T>(new WorkflowStepException(name, RuntimeErrorNames.ChildRejected, message));
                }
                await host.SaveAsync(waiting).ConfigureAwait(false);
            }
            var at = host.Time.GetUtcNow();
            var consumed = await host.Store.TryConsumeEventAsync(host.Instance.InstanceId, host.Instance.Generation, waiting, at, CancellationToken.None).ConfigureAwait(false);
            if (consumed is not null)
            {
                var json = consumed.ToResultJson();
                host.State.Remember(waiting with { Status = StepStatus.Complete, EndedAt = at, ResultJson = json });
                return () => Outcome<T>(name, json);
            }
            if (at >= waiting.WakeAt)
            {
                var message = $"Step '{name}' timed out after {options.Timeout.Value} waiting for child instance '{childId}'.";
                await host.SaveAsync(waiting with { Status = StepStatus.TimedOut, EndedAt = at, ErrorName = nameof(WorkflowTimeoutException), ErrorMessage = message }).ConfigureAwait(false);
                return () => Task.FromException<T>(new WorkflowTimeoutException(name, message));
            }
            return () => host.State.Suspend<T>(waiting.WakeAt, waiting.EventType);
        });
    }

    /// <summary>The child's output read as <typeparamref name="T"/>, or its error as a <see cref="WorkflowStepException"/>; the same on every replay.</summary>
    private static Task<T> Outcome<T>(string name, string? resultJson)
    {
        try
        {
            var outcome = WorkflowJson.Deserialize<WorkflowEventReceived<ChildOutcome>>(resultJson).Payload;
            if (!outcome.Completed)
                return Task.FromException<T>(new WorkflowStepException(name, outcome.ErrorName ?? "Exception", outcome.ErrorMessage ?? ""));
            return Task.FromResult(outcome.Output is { } output ? output.Deserialize<T>(WorkflowJson.Options)! : default!);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return Task.FromException<T>(new WorkflowStepException(name, ex.GetType().Name, $"The output of the child of step '{name}' cannot be read as {typeof(T).Name}: {ex.Message}"));
        }
    }
}
