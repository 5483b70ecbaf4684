using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Asks the configured chat model (<c>IssueTriage:Model</c>) for possible solutions to an issue.</summary>
public sealed class IssueTriageModel(IOptions<IssueTriageOptions> options)
{
    private const string Instructions =
        "You help maintainers triage GitHub issues. Suggest one to three possible solutions to the issue below. " +
        "Put any code in fenced Markdown blocks. List the sources you relied on at the bottom, under 'Sources'.";

    private readonly Lazy<IChatClient> _client = new(() => Create(options.Value.Model));

    /// <summary>The model's answer, Markdown.</summary>
    /// <param name="issue">The issue.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The answer's text.</returns>
    public async Task<string> SuggestAsync(GitHubIssue issue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var response = await _client.Value.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, $"# {issue.Title}\n\n{issue.Body}")],
            cancellationToken: ct);
        return string.IsNullOrWhiteSpace(response.Text)
            ? throw new InvalidOperationException("The chat model answered with no text.")
            : response.Text;
    }

    private static IChatClient Create(IssueTriageModelOptions model)
    {
        var endpoint = model.Endpoint ?? throw Missing("IssueTriage:Model:Endpoint");
        var key = model.ApiKey is { Length: > 0 } k ? k : throw Missing("IssueTriage:Model:ApiKey");
        var name = model.Name is { Length: > 0 } n ? n : throw Missing("IssueTriage:Model:Name");
        return new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = endpoint })
            .GetChatClient(name)
            .AsIChatClient();
    }

    private static NonRetryableException Missing(string key) => new($"The issue-triage sample needs the setting {key}.");
}
