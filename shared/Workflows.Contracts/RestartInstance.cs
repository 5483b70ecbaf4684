namespace Workflows.Contracts;

/// <summary>Request: run again from the start, or from step FromStep (its FromCount-th occurrence, default 1), with the same params.</summary>
public sealed record RestartInstance(string InstanceId, string? FromStep, int? FromCount);
