namespace Workflows.Contracts;

/// <summary>What a schedule does with a firing while its previous instance has not ended. Part of the wire contract.</summary>
public static class ScheduleOverlaps
{
    /// <summary>The default: the firing is skipped (counted and logged).</summary>
    public const string Skip = "skip";

    /// <summary>At most one firing waits, and starts when the previous instance ends; later ones are skipped.</summary>
    public const string BufferOne = "bufferOne";

    /// <summary>The firing starts regardless.</summary>
    public const string Allow = "allow";

    /// <summary>The previous instance is terminated, then the firing starts.</summary>
    public const string TerminatePrevious = "terminatePrevious";

    /// <summary>Every policy, in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Skip, BufferOne, Allow, TerminatePrevious];
}
