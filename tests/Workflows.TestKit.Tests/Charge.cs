namespace Workflows.TestKit.Tests;

public sealed record Charge(string Id);
