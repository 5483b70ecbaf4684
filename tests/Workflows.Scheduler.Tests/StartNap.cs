namespace Workflows.Scheduler.Tests;

public sealed record StartNap(Guid NapId, string Run);
