using System.Text.Json;
using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Client.Tests;

/// <summary>Every operation of the client against the distributed stack, as a service would call it.</summary>
[Collection(nameof(StackCollection))]
public sealed class WorkflowsClientTests(ClientStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly IWorkflowsClient client = stack.Client();

    private static string NewId() => $"client-{Guid.NewGuid():N}";

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web);

    private async Task<InstanceDetails> WaitForAsync(string workflow, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var instance = await client.GetAsync(workflow, id);
        while (!statuses.Contains(instance.Status))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{workflow}/{id} is {instance.Status}, not {string.Join("/", statuses)}, after {Timeout}.");
            await Task.Delay(100);
            instance = await client.GetAsync(workflow, id);
        }
        return instance;
    }

    [Fact]
    public async Task Lists_the_registered_workflows()
    {
        var workflows = await client.ListWorkflowsAsync();

        Assert.Contains(workflows, w => w.Name == "signoff");
        Assert.Contains(workflows, w => w.Name == "echo");
    }

    [Fact]
    public async Task Creates_one_instance_with_params_and_metadata_and_reads_them_back_complete()
    {
        var id = NewId();

        var created = await client.CreateAsync("echo", new CreateInstanceRequest(id, Json(new { hello = "client" })) { Metadata = new Dictionary<string, string> { ["tenant"] = "acme" } });
        var instance = await WaitForAsync("echo", id, InstanceStatuses.Complete);

        Assert.Equal((id, InstanceStatuses.Running), (created.Id, created.Status));
        Assert.Equal("client", instance.Output!.Value.GetProperty("hello").GetString());
        Assert.Equal(new Dictionary<string, string> { ["tenant"] = "acme" }, instance.Metadata);
    }

    [Fact]
    public async Task Creates_a_batch_and_a_reused_id_is_a_conflict()
    {
        var ids = new[] { NewId(), NewId(), NewId() };

        var created = await client.CreateBatchAsync("echo", ids.Select(id => new CreateInstanceRequest(id, null)));
        var again = await Assert.ThrowsAsync<InstanceConflictException>(() => client.CreateAsync("echo", new CreateInstanceRequest(ids[0], null)));

        Assert.Equal(ids, created.Select(c => c.Id));
        Assert.Contains(ids[0], again.Detail, StringComparison.Ordinal);
        foreach (var id in ids)
            await WaitForAsync("echo", id, InstanceStatuses.Complete);
    }

    [Fact]
    public async Task Metadata_that_breaks_the_limits_is_a_validation_error_naming_the_rule()
    {
        var tooMany = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v");

        var badKey = await Assert.ThrowsAsync<WorkflowsValidationException>(() =>
            client.CreateAsync("echo", new CreateInstanceRequest(null, null) { Metadata = new Dictionary<string, string> { ["a b"] = "v" } }));
        var many = await Assert.ThrowsAsync<WorkflowsValidationException>(() =>
            client.CreateAsync("echo", new CreateInstanceRequest(null, null) { Metadata = tooMany }));
        var longValue = await Assert.ThrowsAsync<WorkflowsValidationException>(() =>
            client.CreateAsync("echo", new CreateInstanceRequest(null, null) { Metadata = new Dictionary<string, string> { ["k"] = new string('x', 513) } }));

        Assert.Contains("may hold only A-Z", badKey.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 16", many.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 512", longValue.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_is_a_not_found_exception()
    {
        var e = await Assert.ThrowsAsync<InstanceNotFoundException>(() => client.GetAsync("echo", "no-such-instance"));

        Assert.Equal("Workflow 'echo' has no instance 'no-such-instance'.", e.Detail);
    }

    [Fact]
    public async Task Pauses_and_resumes_and_the_instance_completes()
    {
        var id = NewId();
        await client.CreateAsync("slow", new CreateInstanceRequest(id, Json(new { steps = 4, stepMilliseconds = 700 })));
        await WaitForAsync("slow", id, InstanceStatuses.Running);

        var paused = await client.PauseAsync("slow", id);
        await WaitForAsync("slow", id, InstanceStatuses.Paused);
        var resumed = await client.ResumeAsync("slow", id);

        Assert.Equal(InstanceStatuses.WaitingForPause, paused.Status);
        Assert.NotEmpty(resumed.Status);
        await WaitForAsync("slow", id, InstanceStatuses.Complete);
    }

    [Fact]
    public async Task Terminates_with_rollback_and_a_second_terminate_is_a_conflict()
    {
        var id = NewId();
        await client.CreateAsync("rollback", new CreateInstanceRequest(id, Json(new { failAt = 0, sleepSeconds = 3600 })));
        await WaitForAsync("rollback", id, InstanceStatuses.Waiting);

        await client.TerminateAsync("rollback", id, rollback: true);
        var deadline = DateTime.UtcNow + Timeout;
        var instance = await client.GetAsync("rollback", id);
        while (instance.Rollback is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            instance = await client.GetAsync("rollback", id);
        }

        Assert.Equal((InstanceStatuses.Terminated, "complete"), (instance.Status, instance.Rollback?.Outcome));
        await Assert.ThrowsAsync<InstanceConflictException>(() => client.TerminateAsync("rollback", id));
    }

    [Fact]
    public async Task Restarts_from_a_step_keeping_the_steps_before_it()
    {
        var id = NewId();
        await client.CreateAsync("sleepy", new CreateInstanceRequest(id, Json(new { seconds = 1 })));
        var first = await WaitForAsync("sleepy", id, InstanceStatuses.Complete);

        await client.RestartAsync("sleepy", id, new RestartFrom("after", 1));
        var deadline = DateTime.UtcNow + Timeout;
        var again = await client.GetAsync("sleepy", id);
        while ((again.Status != InstanceStatuses.Complete || again.Steps[2].EndedAt == first.Steps[2].EndedAt) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            again = await client.GetAsync("sleepy", id);
        }

        Assert.Equal(first.Steps[0].EndedAt, again.Steps[0].EndedAt);
        Assert.NotEqual(first.Steps[2].EndedAt, again.Steps[2].EndedAt);
    }

    [Fact]
    public async Task Sends_an_event_that_a_wait_receives()
    {
        var id = NewId();
        await client.CreateAsync("approval", new CreateInstanceRequest(id, Json(new { timeout = "1 minute" })));

        var sent = await client.SendEventAsync("approval", id, "approval", Json(new { approved = true, by = "client" }));
        var instance = await WaitForAsync("approval", id, InstanceStatuses.Complete);

        Assert.NotEmpty(sent.EventId);
        Assert.Equal("client", instance.Output!.Value.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Approve_completes_wait_for_approval_with_the_reason_metadata_and_the_key_name()
    {
        var id = NewId();
        await client.CreateAsync("signoff", new CreateInstanceRequest(id, Json(new { timeout = "5 minutes" })));
        await WaitForAsync("signoff", id, InstanceStatuses.Waiting);

        await stack.Client(stack.OpsKey).ApproveAsync("signoff", id, new ApprovalRequest("ship it", Json(new { ticket = "T-1" })));
        var instance = await WaitForAsync("signoff", id, InstanceStatuses.Complete, InstanceStatuses.Errored);

        Assert.Equal(InstanceStatuses.Complete, instance.Status);
        var output = instance.Output!.Value;
        Assert.Equal((ClientStack.OpsTeam, "ship it", "T-1"),
            (output.GetProperty("approvedBy").GetString(), output.GetProperty("reason").GetString(), output.GetProperty("metadata").GetProperty("ticket").GetString()));
    }

    [Fact]
    public async Task Reject_fails_the_instance_at_once_with_workflow_rejected()
    {
        var id = NewId();
        await client.CreateAsync("signoff", new CreateInstanceRequest(id, Json(new { timeout = "5 minutes" })));

        // Sent before the wait is reached: buffered, as any event.
        await client.RejectAsync("signoff", id, new ApprovalRequest("too expensive"));
        var instance = await WaitForAsync("signoff", id, InstanceStatuses.Complete, InstanceStatuses.Errored);

        Assert.Equal(InstanceStatuses.Errored, instance.Status);
        Assert.Equal(("WorkflowRejectedException", "Rejected by key-1: too expensive"), (instance.Error!.Name, instance.Error.Message));
    }

    [Fact]
    public async Task Approving_an_unknown_instance_is_not_found_and_metadata_that_is_not_an_object_is_refused()
    {
        var id = NewId();
        await client.CreateAsync("signoff", new CreateInstanceRequest(id, null));

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => client.ApproveAsync("signoff", "no-such-instance"));
        var bad = await Assert.ThrowsAsync<WorkflowsValidationException>(() => client.ApproveAsync("signoff", id, new ApprovalRequest(null, Json(new[] { 1, 2 }))));

        Assert.Contains("metadata must be a JSON object", bad.Detail, StringComparison.Ordinal);
        await client.TerminateAsync("signoff", id);
    }

    [Fact]
    public async Task Streams_an_instance_opened_mid_run_to_its_end_and_a_resume_after_an_event_id_continues_with_the_next()
    {
        var id = NewId();
        await client.CreateAsync("progress", new CreateInstanceRequest(id, Json(new { steps = 2, stepMilliseconds = 50, waitForGo = true })));
        await WaitForAsync("progress", id, InstanceStatuses.Waiting);

        var events = new List<InstanceStreamEvent>();
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var e in client.StreamAsync("progress", id, ct: cts.Token))
        {
            events.Add(e);
            // Everything so far is history; the event wakes the instance and the rest arrives live.
            if (e.Type == InstanceStreamEventTypes.WaitStarted)
                await client.SendEventAsync("progress", id, "go", Json(new { go = true }));
        }

        var types = events.Select(e => e.Type).ToList();
        Assert.Equal(InstanceStreamEventTypes.Created, types[0]);
        Assert.Equal(InstanceStreamEventTypes.Complete, types[^1]);
        Assert.Equal(2, types.Count(t => t == InstanceStreamEventTypes.StepCompleted));
        // Progress is not durable: a replay after the event reports it again.
        Assert.True(types.Count(t => t == InstanceStreamEventTypes.Progress) >= 2, string.Join(", ", types));
        Assert.Contains(InstanceStreamEventTypes.WaitCompleted, types);
        Assert.Contains(InstanceStreamEventTypes.SleepCompleted, types);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.Second.Sequence > p.First.Sequence), "sequences grow");

        var resumed = new List<InstanceStreamEvent>();
        await foreach (var e in client.StreamAsync("progress", id, lastEventId: events[2].Sequence, ct: cts.Token))
            resumed.Add(e);
        Assert.Equal(events.Skip(3).Select(e => (e.Sequence, e.Type)), resumed.Select(e => (e.Sequence, e.Type)));
    }
}
