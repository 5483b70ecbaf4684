namespace Workflows.Samples;

/// <summary>Params of <see cref="FanoutWorkflow"/>.</summary>
/// <param name="N">How many concurrent steps.</param>
public sealed record FanoutParams(int N);
