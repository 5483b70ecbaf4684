namespace Workflows.Client.Models;

/// <summary>One page of the schedule list.</summary>
/// <param name="Schedules">The page's schedules, newest first.</param>
/// <param name="NextCursor">Pass it back as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record SchedulePage(IReadOnlyList<ScheduleDetails> Schedules, string? NextCursor);
