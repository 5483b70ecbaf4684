namespace Workflows.Samples;

/// <summary>Params of <see cref="LongWorkflow"/>.</summary>
/// <param name="Steps">How many sequential steps.</param>
public sealed record LongParams(int Steps);
