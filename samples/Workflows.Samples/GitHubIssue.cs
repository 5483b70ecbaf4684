namespace Workflows.Samples;

/// <summary>An issue as a GitHub webhook delivery carries it.</summary>
/// <param name="Number">The issue's number in its repository.</param>
/// <param name="Title">Its title.</param>
/// <param name="Body">Its text, Markdown; null when empty.</param>
public sealed record GitHubIssue(long Number, string Title, string? Body);
