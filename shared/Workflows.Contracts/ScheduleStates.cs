namespace Workflows.Contracts;

/// <summary>Whether a schedule fires. Part of the wire contract.</summary>
public static class ScheduleStates
{
    public const string Active = "active";
    public const string Paused = "paused";
}
