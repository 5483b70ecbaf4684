using System.ComponentModel.DataAnnotations;

namespace Workflows.Runtime;

/// <summary>
/// Limits and tuning of the runner, section <c>Workflows</c>: every service that runs workflows or accepts their input
/// (Executor, Api, Orchestrator, Events) and the TestKit read it. Each rule is an annotation here; a value outside it fails at start.
/// </summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Workflows";

    /// <summary>One mebibyte, the default size limit.</summary>
    public const int OneMebibyte = 1024 * 1024;

    /// <summary>The highest allowed <see cref="MaxSteps"/>.</summary>
    public const int MaxStepsCeiling = 25_000;

    /// <summary>Largest step result, as UTF-8 JSON bytes; default 1 MiB. A bigger result fails the step without retries.</summary>
    [Range(1, int.MaxValue)]
    public int MaxStepResultBytes { get; set; } = OneMebibyte;

    /// <summary>
    /// Largest params, as UTF-8 JSON bytes; default and most 1 MiB, because a batch of 100 instances travels as one
    /// message and RabbitMQ's default message limit is 128 MiB.
    /// </summary>
    [Range(1, OneMebibyte)]
    public int MaxParamsBytes { get; set; } = OneMebibyte;

    /// <summary>Largest event payload, as UTF-8 JSON bytes; default 1 MiB, at most 64 MiB (checked by whoever accepts events).</summary>
    [Range(1, 64 * OneMebibyte)]
    public int MaxEventPayloadBytes { get; set; } = OneMebibyte;

    /// <summary>
    /// Largest batch create, as UTF-8 bytes: both the request body and the <c>CreateInstances</c> message it becomes on the
    /// bus (where each params is a JSON string, so quotes and backslashes count twice). Default 4 MiB, at most 64 MiB.
    /// </summary>
    [Range(1024, 64 * OneMebibyte)]
    public int MaxBatchBytes { get; set; } = 4 * OneMebibyte;

    /// <summary>Most events waiting in one instance's inbox (sent, not yet taken by a wait); default 1,000. A further event is refused.</summary>
    [Range(1, 1_000_000)]
    public int MaxBufferedEvents { get; set; } = 1_000;

    /// <summary>Most steps per instance (sleeps do not count); default 10,000, at most 25,000.</summary>
    [Range(1, MaxStepsCeiling)]
    public int MaxSteps { get; set; } = 10_000;

    /// <summary>A retry backoff up to this long waits in-process; a longer one suspends the run. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InlineRetryThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Overrides of the workflows' flow-control limits, by workflow name (<c>Workflows:Limits:{workflow}:MaxConcurrent</c> …).</summary>
    public Dictionary<string, WorkflowLimitOptions> Limits { get; } = new(StringComparer.Ordinal);

    /// <summary>The problems with these options, one sentence each starting with its key; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate() => SectionSettings<WorkflowRuntimeOptions>.Problems(Section, this);
}
