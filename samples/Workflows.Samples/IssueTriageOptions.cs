namespace Workflows.Samples;

/// <summary>
/// Settings of <see cref="IssueTriageWorkflow"/> (section <c>IssueTriage</c>). Not checked at start, so a host without
/// them still runs the other samples; a step that needs a missing one fails for good, naming it.
/// </summary>
public sealed class IssueTriageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IssueTriage";

    /// <summary>The chat model (<c>IssueTriage:Model</c>).</summary>
    public IssueTriageModelOptions Model { get; set; } = new();

    /// <summary>GitHub's REST API (<c>IssueTriage:GitHub</c>).</summary>
    public IssueTriageGitHubOptions GitHub { get; set; } = new();
}
