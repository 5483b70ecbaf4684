namespace Workflows.Runtime;

/// <summary>The workflow returned.</summary>
/// <param name="OutputJson">The output of <c>RunAsync</c> as JSON (the text <c>null</c> when it returned null).</param>
public sealed record RunCompleted(string OutputJson) : RunOutcome;
