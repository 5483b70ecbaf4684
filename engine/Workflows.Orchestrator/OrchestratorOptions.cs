using System.ComponentModel.DataAnnotations;

namespace Workflows.Orchestrator;

/// <summary>Settings of section <c>Orchestrator</c>.</summary>
public sealed class OrchestratorOptions
{
    public const string Section = "Orchestrator";

    /// <summary>How long a dispatched run may go without reporting back (and without a live executor lease) before it is dispatched again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RunDeadline { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long past its due time a waiting instance's timer may be before the reconciler wakes the instance itself:
    /// the backstop for a timer whose schedule message was lost (an Orchestrator killed between its commit and its send)
    /// or that the Scheduler is too far behind to fire.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WakeGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the reconciler looks for runs past their deadline.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long finished instances and their history are kept.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The outbox relay's pace while lifecycle events keep coming (a pass, then this pause, so each pass takes a batch);
    /// on SQLite (embedded) also how often an idle relay looks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// On PostgreSQL an idle relay waits for a commit's notification; it looks at least this often anyway (a notification
    /// sent while its listening connection was down is not replayed).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OutboxBackstopInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lifecycle events the relay publishes per transaction.</summary>
    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 500;

    /// <summary>Messages the saga endpoint handles at once (partitioned by instance, so one instance's messages stay in order).</summary>
    [Range(1, 1024)]
    public int ConcurrentMessageLimit { get; set; } = 32;
}
