using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// What a schedule firing looks like from inside: output <c>{ "scheduleId", "scheduledTime", "every", "cron", "params" }</c>
/// from <c>evt.Schedule</c> (all null when not started by a schedule).
/// </summary>
[Workflow("scheduled")]
public sealed class ScheduledWorkflow : WorkflowEntrypoint<JsonElement>
{
    /// <inheritdoc />
    public override Task<object?> RunAsync(WorkflowEvent<JsonElement> evt, IWorkflowStep step, CancellationToken ct) =>
        Task.FromResult<object?>(new
        {
            scheduleId = evt.Schedule?.Id,
            scheduledTime = evt.Schedule?.ScheduledTime,
            every = evt.Schedule?.Every,
            cron = evt.Schedule?.Cron,
            @params = evt.Payload,
        });
}
