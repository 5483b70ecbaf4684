namespace Workflows.Api.Models;

/// <summary>What <c>POST /api/schedules/{id}/trigger</c> did: fired, buffered or skipped, and the firing's instance id (none when skipped).</summary>
internal sealed record ScheduleFired(string Outcome, string? InstanceId, DateTimeOffset ScheduledTime);
