namespace Workflows.TestKit;

/// <summary>Why an instance failed.</summary>
/// <param name="Name">The error's type name, such as "NonRetryableException".</param>
/// <param name="Message">The error message.</param>
public sealed record WorkflowError(string Name, string Message);
