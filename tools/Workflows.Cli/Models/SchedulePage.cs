namespace Workflows.Cli.Models;

/// <summary><c>GET /api/schedules</c>: one page and the cursor of the next.</summary>
internal sealed record SchedulePage(List<ScheduleDetails> Schedules, string? NextCursor);
