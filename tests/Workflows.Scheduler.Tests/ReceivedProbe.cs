namespace Workflows.Scheduler.Tests;

/// <summary>A probe as its consumer saw it.</summary>
public sealed record ReceivedProbe(
    ProbeMessage Message,
    Guid? MessageId,
    DateTimeOffset ReceivedAt,
    string? CustomHeader,
    Guid? SchedulingTokenId,
    string? TraceId,
    string[] MessageTypes);
