namespace Workflows.Samples;

/// <summary>Params of <see cref="SlowWorkflow"/>.</summary>
/// <param name="Steps">How many sequential steps.</param>
/// <param name="StepMilliseconds">How long each step works.</param>
public sealed record SlowParams(int Steps, int StepMilliseconds);
