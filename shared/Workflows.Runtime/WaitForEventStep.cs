using System.Diagnostics;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary><c>WaitForEvent</c>: consumes a buffered event of the awaited type, times out at its deadline, else suspends until one is sent.</summary>
internal sealed class WaitForEventStep(StepHost host)
{
    public Task<WorkflowEventReceived<T>> Run<T>(string name, WaitForEventOptions options)
    {
        if (options is null)
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentNullException(nameof(options)));
        if (string.IsNullOrWhiteSpace(options.Type))
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentException($"WaitForEvent '{name}' needs an event type.", nameof(options)));
        if (options.Timeout.Value > SleepStep.MaxSleep)
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentException($"WaitForEvent '{name}' timeout is {options.Timeout.Value}; it can be at most 365 days.", nameof(options)));
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentException(problem, nameof(name)));

        var reached = host.State.Reach(name);
        var now = host.Time.GetUtcNow();
        var isNew = false;
        StepRecord waiting;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != StepKind.WaitForEvent)
                return host.NonDeterministic<WorkflowEventReceived<T>>(recorded, StepKind.WaitForEvent);
            switch (recorded.Status)
            {
                case StepStatus.Complete:
                    return Task.FromResult(WorkflowJson.Deserialize<WorkflowEventReceived<T>>(recorded.ResultJson));
                case StepStatus.TimedOut:
                    return Task.FromException<WorkflowEventReceived<T>>(new WorkflowTimeoutException(name, recorded.ErrorMessage ?? "Timed out."));
            }
            waiting = recorded;
        }
        else
        {
            if (host.PauseRequested)
                return host.State.BlockForPause<WorkflowEventReceived<T>>();
            if (!host.TryCountStep(name))
                return NeverTask.Of<WorkflowEventReceived<T>>();
            waiting = host.State.Begin(reached, StepKind.WaitForEvent, StepStatus.Waiting, now, now + options.Timeout.Value, options.Type);
            isNew = true;
        }

        return host.Pump.StartInFlight<WorkflowEventReceived<T>>(async () =>
        {
            var at = host.Time.GetUtcNow();
            var consumed = await host.Store.TryConsumeEventAsync(host.Instance.InstanceId, host.Instance.Generation, waiting, at, CancellationToken.None).ConfigureAwait(false);
            if (isNew)
                await host.RecordAsync(RunEventKind.WaitStarted, name).ConfigureAwait(false);
            if (consumed is not null)
            {
                // The store persisted the completed wait when it consumed the event.
                var json = consumed.ToResultJson();
                WorkflowDiagnostics.RecordWait("wait", host.Instance, waiting, at, "received");
                WorkflowDiagnostics.EventDeliveryLatency.Record(Math.Max(0, (at - consumed.Timestamp).TotalSeconds), new TagList
                {
                    { WorkflowDiagnostics.WorkflowTag, host.Instance.WorkflowName },
                    { WorkflowDiagnostics.EventTypeTag, consumed.Type },
                });
                await host.RecordAsync(RunEventKind.WaitCompleted, name, dataJson: json).ConfigureAwait(false);
                host.State.Remember(waiting with { Status = StepStatus.Complete, EndedAt = at, ResultJson = json });
                var received = WorkflowJson.Deserialize<WorkflowEventReceived<T>>(json);
                return () => Task.FromResult(received);
            }
            if (at >= waiting.WakeAt)
            {
                var message = $"Step '{name}' timed out after {options.Timeout.Value} waiting for an event of type '{waiting.EventType}'.";
                await host.SaveAsync(waiting with { Status = StepStatus.TimedOut, EndedAt = at, ErrorName = nameof(WorkflowTimeoutException), ErrorMessage = message }).ConfigureAwait(false);
                WorkflowDiagnostics.RecordWait("wait", host.Instance, waiting, at, "timedOut");
                await host.RecordAsync(RunEventKind.WaitTimedOut, name, dataJson: StepHost.ErrorJson(nameof(WorkflowTimeoutException), message)).ConfigureAwait(false);
                return () => Task.FromException<WorkflowEventReceived<T>>(new WorkflowTimeoutException(name, message));
            }
            // Nothing buffered: persist the wait (first time) so its deadline survives; an event sent meanwhile wakes a new run.
            if (isNew)
                await host.SaveAsync(waiting).ConfigureAwait(false);
            return () => host.State.Suspend<WorkflowEventReceived<T>>(waiting.WakeAt, waiting.EventType);
        });
    }
}
