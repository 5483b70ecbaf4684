using System.Text.Json;
using Workflows.Contracts;
using Workflows.Sdk;

namespace Workflows.Storage.Schedules;

/// <summary>A <see cref="ScheduleFiring"/> as the instance row stores it, and as the workflow sees it.</summary>
public static class ScheduleFiringJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Serialize(ScheduleFiring? firing) => firing is null ? null : JsonSerializer.Serialize(firing, Options);

    public static ScheduleFiring? Deserialize(string? json) => json is null ? null : JsonSerializer.Deserialize<ScheduleFiring>(json, Options);

    /// <summary>The SDK's view of a firing (<c>evt.Schedule</c>).</summary>
    public static WorkflowSchedule? ToWorkflowSchedule(ScheduleFiring? firing) => firing is null
        ? null
        : new WorkflowSchedule { Id = firing.Id, Every = firing.Every, Cron = firing.Cron, ScheduledTime = firing.ScheduledTime };
}
