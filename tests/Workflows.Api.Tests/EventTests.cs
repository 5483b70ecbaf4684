using System.Net;
using System.Text;
using System.Text.Json;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EventTests(ApiFixture api)
{
    [Fact]
    public async Task An_event_is_202_with_its_idempotency_key_as_id_and_its_payload_as_json()
    {
        var instance = await api.InsertInstanceAsync("order-fulfilment", InstanceStates.Waiting);
        using var request = new HttpRequestMessage(HttpMethod.Post, Route("order-fulfilment", instance.InstanceId, "approval"))
        {
            Content = new StringContent("""{"approved": true, "by": "ann"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "approval-42");

        var body = await (await api.Client.SendAsync(request)).JsonAsync(HttpStatusCode.Accepted);

        Assert.Equal("approval-42", body.GetProperty("eventId").GetString());
        var sent = Assert.Single(api.Received.OfType<SendEvent>(), m => m.InstanceId == instance.InstanceId);
        Assert.Equal("approval-42", sent.EventId);
        Assert.Equal("approval", sent.Type);
        using var payload = JsonDocument.Parse(sent.PayloadJson!);
        Assert.Equal("ann", payload.RootElement.GetProperty("by").GetString());
    }

    [Fact]
    public async Task An_event_without_a_body_or_key_gets_a_new_id_and_a_null_payload()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Running);

        var body = await (await api.Client.PostAsync(Route("billing", instance.InstanceId, "ping"), null)).JsonAsync(HttpStatusCode.Accepted);

        var eventId = body.GetProperty("eventId").GetString();
        var sent = Assert.Single(api.Received.OfType<SendEvent>(), m => m.InstanceId == instance.InstanceId);
        Assert.Equal(eventId, sent.EventId);
        Assert.Null(sent.PayloadJson);
    }

    [Fact]
    public async Task A_client_cannot_send_a_child_outcome_event()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        using var forged = await api.Client.PostAsync(Route("billing", instance.InstanceId, Uri.EscapeDataString(ChildOutcome.EventType("kid"))), null);

        await forged.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(api.Received.OfType<SendEvent>(), m => m.InstanceId == instance.InstanceId);
    }

    [Fact]
    public async Task An_event_for_an_unknown_instance_or_another_workflows_is_404()
    {
        var other = await api.InsertInstanceAsync("order-fulfilment", InstanceStates.Waiting);

        using var unknown = await api.Client.PostAsync(Route("billing", "never-created", "ping"), null);
        using var otherWorkflow = await api.Client.PostAsync(Route("billing", other.InstanceId, "ping"), null);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await otherWorkflow.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_event_for_a_finished_instance_is_409()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Complete);

        using var response = await api.Client.PostAsync(Route("billing", instance.InstanceId, "ping"), null);

        Assert.Contains("ended", await response.AssertProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_payload_over_the_1_MiB_limit_is_413()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        using var content = new StringContent($"\"{new string('x', 1024 * 1024)}\"", Encoding.UTF8, "application/json");
        using var response = await api.Client.PostAsync(Route("billing", instance.InstanceId, "big"), content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_malformed_event_payload_is_400()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        using var content = new StringContent("{\"approved\": tru", Encoding.UTF8, "application/json");
        using var response = await api.Client.PostAsync(Route("billing", instance.InstanceId, "approval"), content);

        Assert.Contains("not valid JSON", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idempotency_key_over_200_characters_is_400()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);
        using var request = new HttpRequestMessage(HttpMethod.Post, Route("billing", instance.InstanceId, "ping"));
        request.Headers.Add("Idempotency-Key", new string('k', 201));

        using var response = await api.Client.SendAsync(request);

        Assert.Contains("Idempotency-Key", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    private static Uri Route(string workflow, string id, string type) =>
        new($"/api/workflows/{workflow}/instances/{id}/events/{type}", UriKind.Relative);
}
