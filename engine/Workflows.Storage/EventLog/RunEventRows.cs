using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;

namespace Workflows.Storage.EventLog;

/// <summary>
/// A run's events as rows of the instance's event log: step attempts, sleeps and waits for the stream only; progress also
/// as an <see cref="InstanceProgress"/> with its payload, published by the Orchestrator's outbox relay.
/// </summary>
public static class RunEventRows
{
    /// <summary>The log row of a run's event.</summary>
    public static InstanceEventRow Of(InstanceDescriptor instance, RunEvent evt)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(evt);
        return evt.Kind == RunEventKind.Progress
            ? LifecycleMessages.Row(new InstanceProgress(instance.InstanceId, instance.WorkflowName, instance.Generation, InstanceStatuses.Running,
                evt.Timestamp, System.Text.Json.JsonDocument.Parse(evt.DataJson ?? "null").RootElement.Clone()))
            : new InstanceEventRow
            {
                InstanceId = instance.InstanceId,
                Type = StreamType(evt.Kind),
                Timestamp = evt.Timestamp,
                Step = evt.Step,
                Attempt = evt.Attempt,
                Status = InstanceStatuses.Running,
                DataJson = evt.DataJson,
            };
    }

    private static string StreamType(RunEventKind kind) => kind switch
    {
        RunEventKind.StepStarted => InstanceStreamEventTypes.StepStarted,
        RunEventKind.StepCompleted => InstanceStreamEventTypes.StepCompleted,
        RunEventKind.StepErrored => InstanceStreamEventTypes.StepErrored,
        RunEventKind.SleepStarted => InstanceStreamEventTypes.SleepStarted,
        RunEventKind.SleepCompleted => InstanceStreamEventTypes.SleepCompleted,
        RunEventKind.WaitStarted => InstanceStreamEventTypes.WaitStarted,
        RunEventKind.WaitCompleted => InstanceStreamEventTypes.WaitCompleted,
        RunEventKind.WaitTimedOut => InstanceStreamEventTypes.WaitTimedOut,
        RunEventKind.Progress => InstanceStreamEventTypes.Progress,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
