namespace Workflows.Runtime;

/// <summary>The run was terminated; in-flight steps were cancelled and their attempts not persisted.</summary>
public sealed record RunTerminated : RunOutcome;
