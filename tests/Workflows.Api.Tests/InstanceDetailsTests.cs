using System.Net;
using System.Text.Json;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class InstanceDetailsTests(ApiFixture api)
{
    [Fact]
    public async Task An_instance_shows_output_error_and_the_steps_of_its_current_generation_in_order()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);
        var instance = await api.InsertInstanceAsync("order-fulfilment", InstanceStates.Errored, i =>
        {
            i.Generation = 2;
            i.ParamsJson = """{"orderId": "o-9"}""";
            i.OutputJson = """[1, 2]""";
            i.ErrorName = "NonRetryableException";
            i.ErrorMessage = "rejected by ann";
            i.StartedAt = started;
            i.EndedAt = started.AddMinutes(1);
        });
        await using (var db = await api.CreateDbContextAsync())
        {
            db.Steps.AddRange(
                Step(instance.InstanceId, 1, "old step", 1, StepKind.Do, StepStatus.Complete),
                Step(instance.InstanceId, 2, "manager approval", 3, StepKind.WaitForEvent, StepStatus.TimedOut, s => { s.ErrorName = "WorkflowTimeoutException"; s.ErrorMessage = "no approval"; }),
                Step(instance.InstanceId, 2, "charge card", 1, StepKind.Do, StepStatus.Complete, s => s.ResultJson = """{"id": "ch_1", "amount": 10}"""),
                Step(instance.InstanceId, 2, "cool-off", 2, StepKind.SleepUntil, StepStatus.Complete, s => s.ResultJson = "null"));
            await db.SaveChangesAsync();
        }

        var body = await (await api.Client.GetAsync(new Uri($"/api/workflows/order-fulfilment/instances/{instance.InstanceId}", UriKind.Relative)))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("errored", body.GetProperty("status").GetString());
        Assert.Equal("o-9", body.GetProperty("params").GetProperty("orderId").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("output").ValueKind);
        Assert.Equal("NonRetryableException", body.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal("rejected by ann", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(started, body.GetProperty("startedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.True(body.TryGetProperty("endedAt", out _));

        var steps = body.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["charge card", "cool-off", "manager approval"], steps.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["do", "sleepUntil", "waitForEvent"], steps.Select(s => s.GetProperty("type").GetString()));
        Assert.Equal(["complete", "complete", "timedOut"], steps.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("ch_1", steps[0].GetProperty("output").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, steps[1].GetProperty("output").ValueKind);
        Assert.False(steps[2].TryGetProperty("output", out _));
        Assert.Equal("no approval", steps[2].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(2, steps[2].GetProperty("attempts").GetInt32());
    }

    [Theory]
    [InlineData(InstanceStates.Running, "running")]
    [InlineData(InstanceStates.Waiting, "waiting")]
    [InlineData(InstanceStates.Paused, "paused")]
    [InlineData(InstanceStates.WaitingForPause, "waitingForPause")]
    [InlineData(InstanceStates.Complete, "complete")]
    [InlineData(InstanceStates.Errored, "errored")]
    [InlineData(InstanceStates.Terminated, "terminated")]
    [InlineData("Initial", "unknown")]
    public async Task The_status_is_the_saga_state_in_camel_case(string state, string status)
    {
        var instance = await api.InsertInstanceAsync("billing", state);

        var body = await (await api.Client.GetAsync(new Uri($"/api/workflows/billing/instances/{instance.InstanceId}", UriKind.Relative)))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(status, body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_instance_of_another_workflow_is_a_404()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Running);

        using var response = await api.Client.GetAsync(new Uri($"/api/workflows/order-fulfilment/instances/{instance.InstanceId}", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_instance_is_a_404()
    {
        using var response = await api.Client.GetAsync(new Uri("/api/workflows/billing/instances/never-created", UriKind.Relative));

        Assert.Contains("never-created", await response.AssertProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_shows_its_parent_its_children_and_how_its_rollbacks_went()
    {
        var parent = await api.InsertInstanceAsync("order-fulfilment", InstanceStates.Errored, i =>
        {
            i.RollbackOutcome = "failed";
            i.RollbackErrorName = "NonRetryableException";
            i.RollbackErrorMessage = "cannot refund";
        });
        var first = await api.InsertInstanceAsync("billing", InstanceStates.Complete, i => i.ParentInstanceId = parent.InstanceId);
        var second = await api.InsertInstanceAsync("billing", InstanceStates.Terminated, i =>
        {
            i.ParentInstanceId = parent.InstanceId;
            i.CreatedAt = first.CreatedAt.AddSeconds(1);
        });

        var details = await (await api.Client.GetAsync(new Uri($"/api/workflows/order-fulfilment/instances/{parent.InstanceId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        var list = await (await api.Client.GetAsync(new Uri($"/api/workflows/order-fulfilment/instances/{parent.InstanceId}/children", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        var child = await (await api.Client.GetAsync(new Uri($"/api/workflows/billing/instances/{first.InstanceId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        using var unknown = await api.Client.GetAsync(new Uri("/api/workflows/billing/instances/never-created/children", UriKind.Relative));

        Assert.Equal("failed", details.GetProperty("rollback").GetProperty("outcome").GetString());
        Assert.Equal("cannot refund", details.GetProperty("rollback").GetProperty("error").GetProperty("message").GetString());
        Assert.Equal([(first.InstanceId, "complete"), (second.InstanceId, "terminated")],
            details.GetProperty("children").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("status").GetString())));
        Assert.Equal(["billing", "billing"], list.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("workflow").GetString()));
        Assert.Equal((parent.InstanceId, "order-fulfilment", "errored"),
            (child.GetProperty("parent").GetProperty("id").GetString(), child.GetProperty("parent").GetProperty("workflow").GetString(), child.GetProperty("parent").GetProperty("status").GetString()));
        Assert.False(child.TryGetProperty("rollback", out _));
        Assert.False(child.TryGetProperty("children", out _));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static StepRow Step(string instanceId, long generation, string name, int sequence, StepKind kind, StepStatus status, Action<StepRow>? configure = null)
    {
        var step = new StepRow
        {
            InstanceId = instanceId,
            Generation = generation,
            Key = StepKey.Format(name, 1),
            Name = name,
            Occurrence = 1,
            Sequence = sequence,
            Kind = kind.ToString(),
            Status = status.ToString(),
            Attempts = status == StepStatus.TimedOut ? 2 : 1,
            StartedAt = DateTimeOffset.UtcNow.AddSeconds(-10),
            EndedAt = DateTimeOffset.UtcNow,
        };
        configure?.Invoke(step);
        return step;
    }
}
