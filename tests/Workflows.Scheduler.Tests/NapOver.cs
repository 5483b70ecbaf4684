namespace Workflows.Scheduler.Tests;

/// <summary>The saga's timer message, sent to it by the Scheduler.</summary>
public sealed record NapOver(Guid NapId, string Run);
