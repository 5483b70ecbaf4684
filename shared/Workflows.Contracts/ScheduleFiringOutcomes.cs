namespace Workflows.Contracts;

/// <summary>What became of one firing of a schedule. Part of the wire contract (<see cref="ScheduleTriggered"/>, the HTTP API).</summary>
public static class ScheduleFiringOutcomes
{
    /// <summary>An instance was created (or already existed for this slot).</summary>
    public const string Fired = "fired";

    /// <summary>The previous instance had not ended and the policy skips, or a firing was already buffered.</summary>
    public const string Skipped = "skipped";

    /// <summary>Held by <see cref="ScheduleOverlaps.BufferOne"/> until the previous instance ends.</summary>
    public const string Buffered = "buffered";

    /// <summary>No schedule has the id.</summary>
    public const string NotFound = "notFound";
}
