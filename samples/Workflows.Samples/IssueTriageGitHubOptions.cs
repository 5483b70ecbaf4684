namespace Workflows.Samples;

/// <summary>GitHub's REST API as the bot account (<c>IssueTriage:GitHub</c>).</summary>
public sealed class IssueTriageGitHubOptions
{
    /// <summary>The API's base URL (<c>IssueTriage:GitHub:ApiBaseUrl</c>); GitHub Enterprise has its own.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>The bot account's token (<c>IssueTriage:GitHub:Token</c>).</summary>
    public string? Token { get; set; }
}
