namespace Workflows.Sdk;

/// <summary>Retries and timeout of a step.</summary>
public sealed record StepConfig
{
    /// <summary>The defaults: <see cref="RetryPolicy.Default"/> and a 10-minute timeout.</summary>
    public static StepConfig Default { get; } = new();

    /// <summary>How failed attempts are retried; default <c>{ Limit = 5, Delay = 10 s, Backoff = Exponential }</c>.</summary>
    public RetryPolicy Retries { get; init; } = RetryPolicy.Default;

    /// <summary>How long one attempt may run before its token fires and it counts as failed; default 10 minutes.</summary>
    public Duration Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
