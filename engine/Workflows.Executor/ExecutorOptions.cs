using System.ComponentModel.DataAnnotations;

namespace Workflows.Executor;

/// <summary>Settings of section <c>Executor</c>.</summary>
public sealed class ExecutorOptions
{
    public const string Section = "Executor";

    /// <summary>Instances this process runs at once.</summary>
    [Range(1, 4096)]
    public int ConcurrentRuns { get; set; } = 64;

    /// <summary>
    /// Instances this process runs at once from the prompt queue (single creates, wake-ups, events, resumes), beside
    /// <see cref="ConcurrentRuns"/>: work someone is waiting on never waits for a slot of the bulk queue.
    /// </summary>
    [Range(1, 4096)]
    public int PromptRuns { get; set; } = 16;

    /// <summary>Messages RabbitMQ hands this process ahead of time from the bulk queue.</summary>
    [Range(1, 65535)]
    public int PrefetchCount { get; set; } = 128;

    /// <summary>How long an instance lease lasts without a heartbeat; past it another Executor may take the instance.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A run holds its RabbitMQ message at most this long, then checkpoints and continues in a fresh ExecuteInstance (RabbitMQ's consumer timeout is 30 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:25:00")]
    public TimeSpan MaxRunDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a run's outcome may take to reach RabbitMQ before the run gives up on it and its ExecuteInstance is
    /// redelivered (the replay repeats no persisted step). A send that raced a connection loss can hang for good.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReportTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
