namespace Workflows.Cli.Models;

/// <summary>A schedule's fired, skipped and missed firings.</summary>
internal sealed record ScheduleCounts(long Fired, long Skipped, long Missed);
