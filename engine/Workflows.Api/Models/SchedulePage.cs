namespace Workflows.Api.Models;

/// <summary>One page of the schedule list; pass <see cref="NextCursor"/> back for the next one (null on the last page).</summary>
internal sealed record SchedulePage(IReadOnlyList<ScheduleDetails> Schedules, string? NextCursor);
