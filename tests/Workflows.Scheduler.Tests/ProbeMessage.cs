namespace Workflows.Scheduler.Tests;

/// <summary>What the tests schedule; <paramref name="Run"/> keeps one test's messages apart from another's.</summary>
public sealed record ProbeMessage(string Run, int Number, string Text);
