namespace Workflows.Contracts;

/// <summary>Published when a pause is asked for; executors stop the run at the next step boundary.</summary>
public sealed record InstancePauseRequested(string InstanceId, long Generation);
