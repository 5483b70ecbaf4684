namespace Workflows.TestKit.Tests;

public sealed record OrderParams(string OrderId, decimal Amount);
