namespace Workflows.Contracts;

/// <summary>
/// An instance's priority: 1 is the highest, 5 the lowest, 3 when none is given. Queued instances are admitted by priority,
/// then creation (docs/flow-control.md). Part of the wire contract, like the records.
/// </summary>
public static class InstancePriorities
{
    public const int Highest = 1;
    public const int Lowest = 5;
    public const int Default = 3;

    /// <summary>Why <paramref name="priority"/> is refused (outside <see cref="Highest"/>…<see cref="Lowest"/>); null when it is fine (absent means <see cref="Default"/>).</summary>
    public static string? Problem(int? priority) =>
        priority is < Highest or > Lowest ? $"priority must be {Highest} (highest) to {Lowest} (lowest); got {priority}." : null;
}
