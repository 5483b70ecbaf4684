namespace Workflows.Samples;

/// <summary>Params of <see cref="FlakyWorkflow"/>.</summary>
/// <param name="Failures">How many attempts fail before one succeeds.</param>
/// <param name="Limit">The retry limit (retries after the first attempt).</param>
public sealed record FlakyParams(int Failures, int Limit);
