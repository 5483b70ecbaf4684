namespace Workflows.Runtime;

/// <summary>A pause was requested; in-flight steps finished and were persisted, no new step started.</summary>
public sealed record RunPaused : RunOutcome;
