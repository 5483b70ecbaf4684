namespace Workflows.Cli.Models;

/// <summary><c>POST /api/schedules/{id}/trigger</c>: fired, buffered or skipped, and the firing's instance id.</summary>
internal sealed record ScheduleFired(string Outcome, string? InstanceId, DateTimeOffset ScheduledTime);
