using Microsoft.EntityFrameworkCore;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;

namespace Workflows.Storage.EventLog;

/// <summary>
/// The Executor's <see cref="IRunEvents"/>: step attempts, sleeps and waits go to the instance's event log (stream only);
/// progress also becomes an <see cref="InstanceProgress"/> with its payload, published by the Orchestrator's outbox relay.
/// </summary>
public sealed class EntityFrameworkRunEvents(IDbContextFactory<WorkflowsDbContext> factory) : IRunEvents
{
    public Task RecordAsync(InstanceDescriptor instance, RunEvent evt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(evt);
        var row = evt.Kind == RunEventKind.Progress
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
        return InstanceEventLog.AppendAsync(factory, [row], ct);
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
