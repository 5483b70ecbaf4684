namespace Workflows.Client.Models;

/// <summary>What a schedule's firings did.</summary>
/// <param name="Fired">Firings that created an instance.</param>
/// <param name="Skipped">Firings skipped by the overlap policy.</param>
/// <param name="Missed">Slots that passed while no Scheduler ran.</param>
public sealed record ScheduleCounts(long Fired, long Skipped, long Missed);
