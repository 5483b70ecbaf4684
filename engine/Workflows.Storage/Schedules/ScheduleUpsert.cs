namespace Workflows.Storage.Schedules;

/// <summary>What an upsert of a schedule did.</summary>
public enum ScheduleUpsert
{
    /// <summary>No schedule had the id.</summary>
    Created,

    /// <summary>The schedule existed with another definition; its next slot was computed again, its counts kept.</summary>
    Updated,

    /// <summary>The schedule existed with the same definition: nothing changed.</summary>
    Unchanged,
}
