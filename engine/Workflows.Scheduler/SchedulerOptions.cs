using System.ComponentModel.DataAnnotations;

namespace Workflows.Scheduler;

/// <summary>The <c>Scheduler</c> settings section; every value has a default, a bad one stops the service at start.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How many scheduled messages are sent at once (Quartz's thread pool, and the trigger batch it acquires).</summary>
    [Range(1, 256)]
    public int ThreadCount { get; set; } = 16;

    /// <summary>
    /// How late a trigger may fire before Quartz treats it as misfired; misfired timers still fire at once. A schedule's
    /// slot later than this fires once and the slots that passed meanwhile are counted as missed, not caught up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a replica checks in; a replica silent for twice this long is taken as dead and its timers taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How often the schedules table and the schedules' Quartz timers are compared (and a missing timer set).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ScheduleSyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Prefix of the Quartz tables, created in the connection's default schema when missing.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,30}$", ErrorMessage = "The TablePrefix field must be lower-case letters, digits and underscores.")]
    public string TablePrefix { get; set; } = "qrtz_";
}
