namespace Workflows.Samples;

/// <summary>Params of <see cref="DiamondWorkflow"/> (all optional).</summary>
/// <param name="NodeMilliseconds">How long each node works before it returns (to kill an Executor mid-graph); default 0.</param>
public sealed record DiamondParams(int NodeMilliseconds = 0);
