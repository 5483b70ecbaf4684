namespace Workflows.Runtime;

/// <summary>Limits and tuning of the runner. Invalid values fail at start (see <see cref="Validate"/>).</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>The configuration section these options are bound from (the Api reads its size limits from it too).</summary>
    public const string Section = "Workflows";

    /// <summary>One mebibyte, the default size limit.</summary>
    public const int OneMebibyte = 1024 * 1024;

    /// <summary>The highest allowed <see cref="MaxSteps"/>.</summary>
    public const int MaxStepsCeiling = 25_000;

    /// <summary>Largest step result, as UTF-8 JSON bytes; default 1 MiB. A bigger result fails the step without retries.</summary>
    public int MaxStepResultBytes { get; set; } = OneMebibyte;

    /// <summary>Largest params, as UTF-8 JSON bytes; default 1 MiB.</summary>
    public int MaxParamsBytes { get; set; } = OneMebibyte;

    /// <summary>Largest event payload, as UTF-8 JSON bytes; default 1 MiB (checked by whoever accepts events).</summary>
    public int MaxEventPayloadBytes { get; set; } = OneMebibyte;

    /// <summary>Most steps per instance (sleeps do not count); default 10,000, at most 25,000.</summary>
    public int MaxSteps { get; set; } = 10_000;

    /// <summary>A retry backoff up to this long waits in-process; a longer one suspends the run. Default 2 seconds.</summary>
    public TimeSpan InlineRetryThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The problems with these options, one sentence each; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxStepResultBytes <= 0)
            errors.Add($"Workflows:MaxStepResultBytes must be positive (got {MaxStepResultBytes}).");
        if (MaxParamsBytes <= 0)
            errors.Add($"Workflows:MaxParamsBytes must be positive (got {MaxParamsBytes}).");
        if (MaxEventPayloadBytes <= 0)
            errors.Add($"Workflows:MaxEventPayloadBytes must be positive (got {MaxEventPayloadBytes}).");
        if (MaxSteps is <= 0 or > MaxStepsCeiling)
            errors.Add($"Workflows:MaxSteps must be between 1 and {MaxStepsCeiling} (got {MaxSteps}).");
        if (InlineRetryThreshold < TimeSpan.Zero)
            errors.Add($"Workflows:InlineRetryThreshold cannot be negative (got {InlineRetryThreshold}).");
        return errors;
    }
}
