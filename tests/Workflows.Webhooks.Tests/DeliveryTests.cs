using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Workflows.Webhooks.Tests;

[Collection(WebhooksCollection.Name)]
public sealed class DeliveryTests(WebhooksStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_stripe_delivery_completes_the_instance_waiting_for_it_with_the_payload()
    {
        var id = await stack.CreateAsync("approval", new { timeout = "1 hour" }, $"pay-{Guid.NewGuid():N}");
        await stack.WaitForStatusAsync("approval", id, Timeout, "waiting");
        var eventId = $"evt_{Guid.NewGuid():N}";
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["type"] = "payment_intent.succeeded",
            ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "pi_1", ["amount"] = 4200, ["metadata"] = new JsonObject { ["instance_id"] = id } } },
        }.ToJsonString();

        var answer = await AcceptedAsync(Deliveries.Stripe(body, WebhooksStack.StripeSecret, DateTimeOffset.UtcNow));
        var again = await AcceptedAsync(Deliveries.Stripe(body, WebhooksStack.StripeSecret, DateTimeOffset.UtcNow));

        Assert.Equal(("event", id), (answer["action"]!.GetValue<string>(), answer["instanceId"]!.GetValue<string>()));
        Assert.Equal("duplicate", again["action"]!.GetValue<string>());
        var instance = await stack.WaitForStatusAsync("approval", id, Timeout, "complete");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), instance["output"]));
        Assert.Equal(1, await stack.CountAsync("SELECT count(*) FROM workflows.events WHERE instance_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_standard_webhooks_delivery_starts_the_instance_its_id_template_names()
    {
        var messageId = $"msg_{Guid.NewGuid():N}";

        var answer = await AcceptedAsync(Deliveries.Standard(messageId, """{"n":1}""", WebhooksStack.StandardSecret, DateTimeOffset.UtcNow));

        Assert.Equal(("started", $"std-{messageId}"), (answer["action"]!.GetValue<string>(), answer["instanceId"]!.GetValue<string>()));
        await stack.WaitForStatusAsync("echo", $"std-{messageId}", Timeout, "complete");
    }

    [Fact]
    public async Task Both_the_old_and_the_new_secret_verify_while_a_secret_is_rotated()
    {
        foreach (var secret in new[] { WebhooksStack.OldGitHubSecret, WebhooksStack.NewGitHubSecret })
        {
            var answer = await AcceptedAsync(Deliveries.GitHub("github", Guid.NewGuid().ToString(), "issues", Deliveries.IssueOpened(200, "question"), secret));
            Assert.Equal("ignored", answer["action"]!.GetValue<string>());
        }
        await RefusedAsync(Deliveries.GitHub("github", Guid.NewGuid().ToString(), "issues", Deliveries.IssueOpened(200, "bug"), "a-retired-secret"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_refusal_has_its_status_and_acts_on_nothing()
    {
        var before = await stack.CountAsync("SELECT count(*) FROM workflows.instances");
        var delivery = Guid.NewGuid().ToString();
        var issue = Deliveries.IssueOpened(300, "bug");

        // 401 without a signature, with a wrong one, and with a stale timestamp; no detail says which.
        var unsigned = Deliveries.GitHub("github", delivery, "issues", issue, WebhooksStack.NewGitHubSecret);
        unsigned.Headers.Remove("X-Hub-Signature-256");
        var problem = await RefusedAsync(unsigned, HttpStatusCode.Unauthorized);
        Assert.Null(problem["detail"]);
        var tampered = Deliveries.GitHub("github", delivery, "issues", issue, WebhooksStack.NewGitHubSecret);
        tampered.Content = new StringContent(issue.Replace("Widget", "Gadget", StringComparison.Ordinal), new MediaTypeHeaderValue("application/json"));
        await RefusedAsync(tampered, HttpStatusCode.Unauthorized);
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6);
        await RefusedAsync(Deliveries.Stripe("""{"id":"evt_stale","type":"payment_intent.succeeded","data":{"object":{"metadata":{"instance_id":"x"}}}}""", WebhooksStack.StripeSecret, stale), HttpStatusCode.Unauthorized);
        await RefusedAsync(Deliveries.Standard($"msg_{Guid.NewGuid():N}", "{}", WebhooksStack.StandardSecret, stale), HttpStatusCode.Unauthorized);

        // 404: no such source.
        await RefusedAsync(Deliveries.GitHub("gitlab", delivery, "issues", issue, WebhooksStack.NewGitHubSecret), HttpStatusCode.NotFound);

        // 413: over Webhooks:MaxBodyBytes, signed or not.
        var big = Deliveries.IssueOpened(300, "bug").Replace("It hangs at boot.", new string('x', WebhooksStack.MaxBodyBytes), StringComparison.Ordinal);
        await RefusedAsync(Deliveries.GitHub("github", delivery, "issues", big, WebhooksStack.NewGitHubSecret), HttpStatusCode.RequestEntityTooLarge);

        // 415: a signed body that is not JSON (GitHub's form-encoded option), or says JSON and is not.
        var form = Deliveries.GitHub("github", delivery, "issues", "payload=%7B%7D", WebhooksStack.NewGitHubSecret);
        form.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        await RefusedAsync(form, HttpStatusCode.UnsupportedMediaType);
        await RefusedAsync(Deliveries.GitHub("github", delivery, "issues", "{\"action\":", WebhooksStack.NewGitHubSecret), HttpStatusCode.UnsupportedMediaType);

        // 400: the id template resolves to nothing, or to an invalid id.
        await RefusedAsync(Deliveries.GitHub("templated", delivery, "push", """{"order":{}}""", WebhooksStack.NewGitHubSecret), HttpStatusCode.BadRequest);
        await RefusedAsync(Deliveries.GitHub("templated", delivery, "push", """{"order":{"id":"has spaces"}}""", WebhooksStack.NewGitHubSecret), HttpStatusCode.BadRequest);

        Assert.Equal(before, await stack.CountAsync("SELECT count(*) FROM workflows.instances"));
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM workflows.webhook_deliveries WHERE delivery_id = @id", ("id", delivery)));
        Assert.Empty(stack.Stubs.Comments("acme/widgets", 300));
    }

    private async Task<JsonObject> AcceptedAsync(HttpRequestMessage request)
    {
        var (status, body) = await SendAsync(request);
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {body}");
        return body;
    }

    private async Task<JsonObject> RefusedAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        var (status, body) = await SendAsync(request);
        Assert.True(status == expected, $"expected {(int)expected}, got {(int)status}: {body}");
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        return body;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await stack.WebhookClient.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Accepted)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
        }
    }
}
