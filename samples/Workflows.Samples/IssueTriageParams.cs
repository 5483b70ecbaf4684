namespace Workflows.Samples;

/// <summary>Params of <see cref="IssueTriageWorkflow"/>: the body of a GitHub <c>issues</c> webhook delivery (the fields it reads).</summary>
/// <param name="Action">The delivery's action, such as <c>opened</c>.</param>
/// <param name="Issue">The issue.</param>
/// <param name="Repository">The repository it is in.</param>
public sealed record IssueTriageParams(string? Action, GitHubIssue Issue, GitHubRepository Repository);
