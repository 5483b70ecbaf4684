using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// Cloudflare's example agent: a GitHub issue labelled <c>help</c> or <c>bug</c> is opened (a webhook route starts this
/// with the delivery as params); <c>suggest</c> asks a chat model for one to three solutions, <c>comment</c> posts them
/// on the issue as the bot account, once: it looks for its own marker before posting. Output: <c>{ commentId }</c>.
/// </summary>
[Workflow("issue-triage")]
public sealed class IssueTriageWorkflow(IssueTriageModel model, GitHubIssueComments comments) : WorkflowEntrypoint<IssueTriageParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<IssueTriageParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var delivery = evt.Payload ?? throw new NonRetryableException("The params must be a GitHub issues delivery.");
        var suggestion = await step.Do("suggest", stepCt => model.SuggestAsync(delivery.Issue, stepCt));
        var commentId = await step.Do("comment", stepCt => comments.EnsureCommentAsync(
            delivery.Repository.FullName, delivery.Issue.Number, $"<!-- workflows:issue-triage:{evt.InstanceId} -->", suggestion, stepCt));
        return new { commentId };
    }
}
