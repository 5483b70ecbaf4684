namespace Workflows.Api.Models;

/// <summary>The instance of a schedule's latest firing, and its status now.</summary>
internal sealed record ScheduleLastInstance(string Id, string Status);
