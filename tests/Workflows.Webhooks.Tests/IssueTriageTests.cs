using System.Net;
using System.Text.Json.Nodes;

namespace Workflows.Webhooks.Tests;

[Collection(WebhooksCollection.Name)]
public sealed class IssueTriageTests(WebhooksStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_signed_issue_delivery_starts_one_issue_triage_that_comments_the_models_answer_once()
    {
        var delivery = Guid.NewGuid().ToString();
        const long number = 101;

        var answer = await SendAsync(Deliveries.GitHub("github", delivery, "issues", Deliveries.IssueOpened(number, "bug"), WebhooksStack.OldGitHubSecret));

        Assert.Equal(delivery, answer["deliveryId"]!.GetValue<string>());
        Assert.Equal("started", answer["action"]!.GetValue<string>());
        var id = answer["instanceId"]!.GetValue<string>();
        var instance = await stack.WaitForStatusAsync("issue-triage", id, Timeout, "complete", "errored");
        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        var comment = Assert.Single(stack.Stubs.Comments("acme/widgets", number));
        Assert.Equal($"{StubServers.Answer}\n\n<!-- workflows:issue-triage:{id} -->", comment);
    }

    [Fact]
    public async Task The_same_delivery_twice_and_twice_at_once_starts_one_instance_and_posts_one_comment()
    {
        const long sequential = 102, concurrent = 103;
        var first = Guid.NewGuid().ToString();
        var body = Deliveries.IssueOpened(sequential, "help");
        var started = await SendAsync(Deliveries.GitHub("github", first, "issues", body, WebhooksStack.NewGitHubSecret));
        var again = await SendAsync(Deliveries.GitHub("github", first, "issues", body, WebhooksStack.NewGitHubSecret));
        Assert.Equal("started", started["action"]!.GetValue<string>());
        Assert.Equal("duplicate", again["action"]!.GetValue<string>());
        Assert.Equal(started["instanceId"]!.GetValue<string>(), again["instanceId"]!.GetValue<string>());

        var second = Guid.NewGuid().ToString();
        var pairBody = Deliveries.IssueOpened(concurrent, "bug", "help");
        var pair = await Task.WhenAll(
            SendAsync(Deliveries.GitHub("github", second, "issues", pairBody, WebhooksStack.NewGitHubSecret)),
            SendAsync(Deliveries.GitHub("github", second, "issues", pairBody, WebhooksStack.NewGitHubSecret)));
        Assert.Equal(["duplicate", "started"], pair.Select(a => a["action"]!.GetValue<string>()).Order());

        foreach (var (answer, number) in new[] { (started, sequential), (pair[0], concurrent) })
        {
            await stack.WaitForStatusAsync("issue-triage", answer["instanceId"]!.GetValue<string>(), Timeout, "complete");
            Assert.Single(stack.Stubs.Comments("acme/widgets", number));
        }
        Assert.Equal(1, await stack.CountAsync("SELECT count(*) FROM workflows.instances WHERE instance_id = @id", ("id", $"github-{first}")));
        Assert.Equal(1, await stack.CountAsync("SELECT count(*) FROM workflows.instances WHERE instance_id = @id", ("id", $"github-{second}")));
    }

    [Fact]
    public async Task An_issue_without_a_matching_label_is_ignored_and_starts_nothing()
    {
        var delivery = Guid.NewGuid().ToString();

        var answer = await SendAsync(Deliveries.GitHub("github", delivery, "issues", Deliveries.IssueOpened(104, "question"), WebhooksStack.OldGitHubSecret));

        Assert.Equal("ignored", answer["action"]!.GetValue<string>());
        Assert.False(answer.ContainsKey("instanceId"));
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM workflows.instances WHERE instance_id = @id", ("id", $"github-{delivery}")));
    }

    [Fact]
    public async Task An_executor_killed_after_posting_the_comment_before_recording_it_still_leaves_exactly_one_comment()
    {
        const long number = 105;
        var release = new TaskCompletionSource();
        var held = stack.Stubs.HoldNextCommentAsync(release.Task);

        var answer = await SendAsync(Deliveries.GitHub("github", Guid.NewGuid().ToString(), "issues", Deliveries.IssueOpened(number, "bug"), WebhooksStack.OldGitHubSecret));
        var id = answer["instanceId"]!.GetValue<string>();
        await held.WaitAsync(Timeout);
        // suggest is recorded; comment has posted but its answer has not reached the Executor: kill it there.
        stack.Kill("Workflows.Executor");
        release.SetResult();
        await stack.StartAsync("Workflows.Executor");

        await stack.WaitForStatusAsync("issue-triage", id, TimeSpan.FromSeconds(90), "complete");
        Assert.Single(stack.Stubs.Comments("acme/widgets", number));
    }

    private async Task<JsonObject> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await stack.WebhookClient.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }
    }
}
