using Microsoft.Extensions.DependencyInjection;
using Workflows.TestKit;

namespace Workflows.Samples.Tests;

public sealed class IssueTriageWorkflowTests
{
    private static readonly object Delivery = new
    {
        action = "opened",
        issue = new { number = 1, title = "t", body = "b" },
        repository = new { full_name = "o/r" },
    };

    /// <summary>The sample's services with no IssueTriage settings at all, as a host without them has.</summary>
    private static void Unconfigured(IServiceCollection services)
    {
        services.AddOptions<IssueTriageOptions>();
        services.AddSingleton<IssueTriageModel>();
        services.AddSingleton<GitHubIssueComments>();
    }

    [Fact]
    public async Task Without_its_settings_issue_triage_fails_its_first_step_at_once_naming_the_missing_setting()
    {
        await using var env = new WorkflowTestEnvironment(Unconfigured);

        var run = await env.StartAsync<IssueTriageWorkflow>(Delivery);

        Assert.Equal(new WorkflowError("NonRetryableException", "The issue-triage sample needs the setting IssueTriage:Model:Endpoint."), run.Error);
        Assert.Equal(1, run.Step("suggest").Attempts);
    }

    [Fact]
    public async Task Without_a_github_token_the_comment_step_fails_at_once_naming_the_setting()
    {
        await using var env = new WorkflowTestEnvironment(Unconfigured);
        env.MockStep("suggest", "an answer");

        var run = await env.StartAsync<IssueTriageWorkflow>(Delivery);

        Assert.Equal(new WorkflowError("NonRetryableException", "The issue-triage sample needs the setting IssueTriage:GitHub:Token."), run.Error);
        Assert.Equal(1, run.Step("comment").Attempts);
    }
}
