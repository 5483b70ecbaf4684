namespace Workflows.Runtime;

/// <summary>A step call as the run's state first sees it: its key, and what history holds for it (null if new).</summary>
internal readonly record struct ReachedStep(string Key, string Name, int Occurrence, StepRecord? Recorded);
