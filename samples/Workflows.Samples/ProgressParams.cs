namespace Workflows.Samples;

/// <summary>Params of <see cref="ProgressWorkflow"/>.</summary>
/// <param name="Steps">How many sequential steps.</param>
/// <param name="StepMilliseconds">How long each step works.</param>
/// <param name="WaitForGo">Whether it waits for a <c>go</c> event after the steps (then sleeps one second).</param>
public sealed record ProgressParams(int Steps, int StepMilliseconds, bool WaitForGo = false);
