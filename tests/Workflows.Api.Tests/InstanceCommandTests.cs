using System.Net;
using System.Net.Http.Json;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class InstanceCommandTests(ApiFixture api)
{
    [Fact]
    public async Task Pause_is_202_with_the_status_the_orchestrator_gives()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Running);

        var body = await (await PostAsync(instance.InstanceId, "pause")).JsonAsync(HttpStatusCode.Accepted);

        Assert.Equal("waitingForPause", body.GetProperty("status").GetString());
        Assert.Contains(api.Received.OfType<PauseInstance>(), m => m.InstanceId == instance.InstanceId);
    }

    [Fact]
    public async Task Resume_of_a_paused_instance_is_202_and_of_a_running_one_409_with_the_reason()
    {
        var paused = await api.InsertInstanceAsync("billing", InstanceStates.Paused);
        var running = await api.InsertInstanceAsync("billing", InstanceStates.Running);

        var accepted = await (await PostAsync(paused.InstanceId, "resume")).JsonAsync(HttpStatusCode.Accepted);
        var reason = await (await PostAsync(running.InstanceId, "resume")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("running", accepted.GetProperty("status").GetString());
        Assert.Contains("while the instance is Running", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_is_202_and_a_second_terminate_409()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        var accepted = await (await PostAsync(instance.InstanceId, "terminate")).JsonAsync(HttpStatusCode.Accepted);
        using var again = await PostAsync(instance.InstanceId, "terminate");

        Assert.Equal("terminated", accepted.GetProperty("status").GetString());
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Terminate_with_rollback_true_asks_the_saga_for_a_rollback_and_a_bad_body_is_400()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);
        var plain = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        using var bad = await api.Client.PostAsync(Route(instance.InstanceId, "terminate"), JsonContent.Create(new { rollback = "yes" }));
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var accepted = await api.Client.PostAsync(Route(instance.InstanceId, "terminate"), JsonContent.Create(new { rollback = true }));
        await accepted.JsonAsync(HttpStatusCode.Accepted);
        (await PostAsync(plain.InstanceId, "terminate")).Dispose();

        Assert.Contains(api.Received.OfType<TerminateInstance>(), m => m == new TerminateInstance(instance.InstanceId, Rollback: true));
        Assert.Contains(api.Received.OfType<TerminateInstance>(), m => m == new TerminateInstance(plain.InstanceId, Rollback: false));
    }

    [Fact]
    public async Task Pause_of_a_finished_instance_is_409()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Complete);

        using var response = await PostAsync(instance.InstanceId, "pause");

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("terminate")]
    [InlineData("restart")]
    public async Task A_command_for_an_unknown_instance_or_another_workflows_is_404_and_not_sent(string command)
    {
        var other = await api.InsertInstanceAsync("order-fulfilment", InstanceStates.Running);

        using var unknown = await PostAsync("never-created", command);
        using var otherWorkflow = await PostAsync(other.InstanceId, command);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await otherWorkflow.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(api.Received.OfType<PauseInstance>(), m => m.InstanceId == other.InstanceId);
    }

    [Fact]
    public async Task Restart_without_a_body_restarts_from_the_start()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Errored);

        var body = await (await PostAsync(instance.InstanceId, "restart")).JsonAsync(HttpStatusCode.Accepted);

        Assert.Equal("running", body.GetProperty("status").GetString());
        var message = Assert.Single(api.Received.OfType<RestartInstance>(), m => m.InstanceId == instance.InstanceId);
        Assert.Null(message.FromStep);
        Assert.Null(message.FromCount);
    }

    [Fact]
    public async Task Restart_from_a_named_step_sends_its_name_and_occurrence()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Complete);

        using var response = await api.Client.PostAsJsonAsync(Route(instance.InstanceId, "restart"), new { from = new { name = "charge card", count = 2 } });

        await response.JsonAsync(HttpStatusCode.Accepted);
        var message = Assert.Single(api.Received.OfType<RestartInstance>(), m => m.InstanceId == instance.InstanceId);
        Assert.Equal("charge card", message.FromStep);
        Assert.Equal(2, message.FromCount);
    }

    [Theory]
    [InlineData("""{"from": {"count": 1}}""")]
    [InlineData("""{"from": {"name": "x", "count": 0}}""")]
    [InlineData("""{"from": """)]
    public async Task Restart_with_a_bad_from_is_a_400(string body)
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Complete);

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await api.Client.PostAsync(Route(instance.InstanceId, "restart"), content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static Uri Route(string id, string command) => new($"/api/workflows/billing/instances/{id}/{command}", UriKind.Relative);

    private Task<HttpResponseMessage> PostAsync(string id, string command) => api.Client.PostAsync(Route(id, command), null);
}
