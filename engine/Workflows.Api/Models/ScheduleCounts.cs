namespace Workflows.Api.Models;

/// <summary>What a schedule's firings did: created an instance, were skipped by the overlap policy, or passed while no Scheduler ran.</summary>
internal sealed record ScheduleCounts(long Fired, long Skipped, long Missed);
