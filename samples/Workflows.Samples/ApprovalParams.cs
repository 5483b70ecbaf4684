namespace Workflows.Samples;

/// <summary>Params of <see cref="ApprovalWorkflow"/>.</summary>
/// <param name="Timeout">How long to wait, such as "10 minutes"; default 24 hours.</param>
public sealed record ApprovalParams(string? Timeout);
