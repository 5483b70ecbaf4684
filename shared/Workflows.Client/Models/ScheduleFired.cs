namespace Workflows.Client.Models;

/// <summary>What <c>POST /api/schedules/{id}/trigger</c> did.</summary>
/// <param name="Outcome">fired, buffered or skipped.</param>
/// <param name="InstanceId">The firing's instance id (none when skipped).</param>
/// <param name="ScheduledTime">The slot the firing stands for.</param>
public sealed record ScheduleFired(string Outcome, string? InstanceId, DateTimeOffset ScheduledTime);
