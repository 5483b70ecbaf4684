namespace Workflows.TestKit.Tests;

public sealed record Approval(bool Approved, string By);
