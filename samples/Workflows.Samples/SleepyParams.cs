namespace Workflows.Samples;

/// <summary>Params of <see cref="SleepyWorkflow"/>.</summary>
/// <param name="Seconds">How long to sleep between the steps.</param>
public sealed record SleepyParams(int Seconds);
