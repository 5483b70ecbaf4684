using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The conformance workflows end to end over the HTTP API; each subclass runs them against one shape of the engine.</summary>
public abstract class LifecycleTests<TStack>(TStack stack)
    where TStack : WorkflowStack
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    protected TStack Stack { get; } = stack;

    [Fact]
    public async Task Echo_runs_from_create_to_complete_with_its_params_as_output()
    {
        var id = await Stack.CreateAsync("echo", new { hello = "world", n = 3 });

        var instance = await Stack.WaitForStatusAsync("echo", id, Timeout, "complete");

        Assert.Equal("world", instance["output"]!["hello"]!.GetValue<string>());
        Assert.Equal(3, instance["output"]!["n"]!.GetValue<int>());
        Assert.NotNull(instance["endedAt"]);
    }

    [Fact]
    public async Task A_duplicate_instance_id_is_rejected_with_409()
    {
        var id = $"dup-{Guid.NewGuid():N}";
        await Stack.CreateAsync("echo", new { }, id);

        using var second = await Stack.Api.PostAsJsonAsync("api/workflows/echo/instances", new { id, @params = new { } });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sleepy_sleeps_durably_and_completes_with_both_step_results()
    {
        var id = await Stack.CreateAsync("sleepy", new { seconds = 2 });

        var waiting = await Stack.WaitForStatusAsync("sleepy", id, Timeout, "waiting", "complete");
        var instance = await Stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");

        Assert.Equal("waiting", waiting["status"]!.GetValue<string>());
        Assert.Equal(1, instance["output"]!["before"]!.GetValue<int>());
        Assert.Equal(2, instance["output"]!["after"]!.GetValue<int>());
        var steps = instance["steps"]!.AsArray();
        Assert.Equal(["do", "sleep", "do"], steps.Select(s => s!["type"]!.GetValue<string>()));
        var slept = DateTimeOffset.Parse(steps[1]!["endedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                  - DateTimeOffset.Parse(steps[1]!["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(slept >= TimeSpan.FromSeconds(2), $"the sleep lasted {slept}");
    }

    [Fact]
    public async Task An_event_sent_after_the_wait_is_reached_completes_approval_with_its_payload()
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });
        await Stack.WaitForStatusAsync("approval", id, Timeout, "waiting");

        using var sent = await Stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/approval", new { approved = true, by = "ana" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var instance = await Stack.WaitForStatusAsync("approval", id, Timeout, "complete");
        Assert.True(instance["output"]!["approved"]!.GetValue<bool>());
        Assert.Equal("ana", instance["output"]!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_retried_with_its_key_after_the_instance_finished_is_accepted_again_and_a_new_one_is_409()
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });
        using var first = await SendApprovalAsync(id, "approval-key-1");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Stack.WaitForStatusAsync("approval", id, Timeout, "complete");

        using var retried = await SendApprovalAsync(id, "approval-key-1");
        using var another = await SendApprovalAsync(id, "approval-key-2");

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("approval-key-1", (await retried.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);
    }

    private async Task<HttpResponseMessage> SendApprovalAsync(string id, string key)
    {
        using var request = WorkflowStack.EventRequest("approval", id, "approval", new { approved = true, by = "ana" }, key);
        return await Stack.Api.SendAsync(request);
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_event_is_a_409_naming_it_and_the_first_event_stands()
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });
        using var first = await Stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "approval", new { approved = true, by = "ana" }, "decision-1"));
        using var otherPayload = await Stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "approval", new { approved = false, by = "bob" }, "decision-1"));
        using var otherType = await Stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "veto", new { approved = true, by = "ana" }, "decision-1"));
        using var retried = await Stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "approval", new { by = "ana", approved = true }, "decision-1"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        foreach (var conflict in new[] { otherPayload, otherType })
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
            Assert.Contains("'decision-1'", (await conflict.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // The same event again (keys in another order) is a retry: 202 with the same id.
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("decision-1", (await retried.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>());
        var instance = await Stack.WaitForStatusAsync("approval", id, Timeout, "complete");
        Assert.Equal("ana", instance["output"]!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restart_from_a_step_the_instance_never_ran_is_a_400_and_changes_nothing()
    {
        var id = await Stack.CreateAsync("sleepy", new { seconds = 1 });
        var done = await Stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");

        using var restart = await Stack.Api.PostAsJsonAsync($"api/workflows/sleepy/instances/{id}/restart", new { from = new { name = "no such step" } });

        Assert.Equal(HttpStatusCode.BadRequest, restart.StatusCode);
        Assert.Contains("no such step", (await restart.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(done["endedAt"]!.GetValue<string>(), (await Stack.GetAsync("sleepy", id))["endedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Params_of_exactly_the_size_limit_run_and_read_back_and_one_byte_more_is_a_413()
    {
        // A JSON string of 1 MiB as stored: the quotes and 1,048,574 characters.
        var atLimit = new string('p', WorkflowRuntimeOptions.OneMebibyte - 2);

        var id = await Stack.CreateAsync("echo", atLimit);
        using var over = await Stack.Api.PostAsJsonAsync("api/workflows/echo/instances", new { @params = atLimit + "p" });

        var instance = await Stack.WaitForStatusAsync("echo", id, Timeout, "complete", "errored");
        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        Assert.Equal(atLimit, instance["params"]!.GetValue<string>());
        Assert.Equal(atLimit, instance["output"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
    }

    [Fact]
    public async Task An_event_payload_of_exactly_the_size_limit_completes_its_wait_and_one_byte_more_is_a_413()
    {
        var atLimit = new string('e', WorkflowRuntimeOptions.OneMebibyte - 2);
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });

        using var over = await Stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "approval", atLimit + "e", "too-big"));
        using var sent = await Stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "approval", atLimit, "at-limit"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var instance = await Stack.WaitForStatusAsync("approval", id, Timeout, "complete", "errored");
        Assert.Equal(atLimit, instance["output"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    public async Task An_event_payload_as_deep_as_inputs_may_be_completes_the_instance_and_reads_back(int levels)
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });
        var payload = Nested(levels);

        using var request = WorkflowStack.EventRequest("approval", id, "approval", null, $"deep-{levels}");
        request.Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json");
        using var sent = await Stack.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var instance = await Stack.WaitForStatusAsync("approval", id, Timeout, "complete", "errored");
        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        Assert.Equal(payload, instance["output"]!.ToJsonString());
        Assert.Equal(payload, instance["steps"]![0]!["output"]!["payload"]!.ToJsonString());
    }

    [Fact]
    public async Task Params_or_an_event_payload_65_levels_deep_are_a_400()
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });

        using var create = await Stack.Api.PostAsync("api/workflows/echo/instances",
            new StringContent($"{{\"params\":{Nested(65)}}}", System.Text.Encoding.UTF8, "application/json"));
        using var send = await Stack.Api.PostAsync($"api/workflows/approval/instances/{id}/events/approval",
            new StringContent(Nested(65), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, send.StatusCode);
        Assert.Equal("waiting", (await Stack.WaitForStatusAsync("approval", id, Timeout, "waiting"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Params_64_levels_deep_run_and_read_back()
    {
        using var create = await Stack.Api.PostAsync("api/workflows/echo/instances",
            new StringContent($"{{\"params\":{Nested(64)}}}", System.Text.Encoding.UTF8, "application/json"));
        var id = (await create.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var instance = await Stack.WaitForStatusAsync("echo", id, Timeout, "complete", "errored");

        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        Assert.Equal(Nested(64), instance["output"]!.ToJsonString());
    }

    private static string Nested(int levels) => new string('[', levels) + new string(']', levels);

    [Fact]
    public async Task A_wait_that_times_out_is_caught_by_the_workflow()
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "2 seconds" });

        var instance = await Stack.WaitForStatusAsync("approval", id, Timeout, "complete");

        Assert.True(instance["output"]!["timedOut"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Flaky_retries_exactly_as_many_times_as_it_fails()
    {
        var id = await Stack.CreateAsync("flaky", new { failures = 2, limit = 3 });

        var instance = await Stack.WaitForStatusAsync("flaky", id, Timeout, "complete");

        Assert.Equal(3, instance["output"]!["attempts"]!.GetValue<int>());
        Assert.Equal(3, instance["steps"]![0]!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Flaky_with_more_failures_than_its_retry_limit_ends_errored()
    {
        var id = await Stack.CreateAsync("flaky", new { failures = 5, limit = 2 });

        var instance = await Stack.WaitForStatusAsync("flaky", id, Timeout, "errored", "complete");

        Assert.Equal("errored", instance["status"]!.GetValue<string>());
        Assert.Equal(3, instance["steps"]![0]!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Nonretryable_ends_errored_after_exactly_one_attempt()
    {
        var id = await Stack.CreateAsync("nonretryable");

        var instance = await Stack.WaitForStatusAsync("nonretryable", id, Timeout, "errored", "complete");

        Assert.Equal("errored", instance["status"]!.GetValue<string>());
        Assert.Equal("NonRetryableException", instance["error"]!["name"]!.GetValue<string>());
        Assert.Equal("nope", instance["error"]!["message"]!.GetValue<string>());
        Assert.Equal(1, instance["steps"]![0]!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fanout_runs_its_steps_concurrently_and_sums_them()
    {
        var id = await Stack.CreateAsync("fanout", new { n = 10 });

        var instance = await Stack.WaitForStatusAsync("fanout", id, Timeout, "complete");

        Assert.Equal(55, instance["output"]!.GetValue<int>());
        Assert.Equal(10, instance["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task Pause_while_running_waits_for_the_step_boundary_then_resume_completes()
    {
        var id = await Stack.CreateAsync("slow", new { steps = 4, stepMilliseconds = 700 });
        await Stack.WaitForStatusAsync("slow", id, Timeout, "running");

        using var pause = await Stack.Api.PostAsync($"api/workflows/slow/instances/{id}/pause", null);
        Assert.Equal(HttpStatusCode.Accepted, pause.StatusCode);
        Assert.Equal("waitingForPause", (await pause.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());

        var paused = await Stack.WaitForStatusAsync("slow", id, Timeout, "paused");
        var stepsWhenPaused = paused["steps"]!.AsArray().Count;
        await Task.Delay(1500);
        Assert.Equal(stepsWhenPaused, (await Stack.GetAsync("slow", id))["steps"]!.AsArray().Count);
        Assert.True(stepsWhenPaused < 4, "the pause should hold before the last step");

        using var resume = await Stack.Api.PostAsync($"api/workflows/slow/instances/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        var done = await Stack.WaitForStatusAsync("slow", id, Timeout, "complete");
        Assert.Equal(4, done["output"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resuming_an_instance_that_is_not_paused_is_409()
    {
        var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });
        await Stack.WaitForStatusAsync("approval", id, Timeout, "waiting");

        using var resume = await Stack.Api.PostAsync($"api/workflows/approval/instances/{id}/resume", null);

        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
    }

    [Fact]
    public async Task Terminate_during_a_sleep_ends_the_instance_and_no_step_runs_afterwards()
    {
        var id = await Stack.CreateAsync("sleepy", new { seconds = 3 });
        await Stack.WaitForStatusAsync("sleepy", id, Timeout, "waiting");

        using var terminate = await Stack.Api.PostAsync($"api/workflows/sleepy/instances/{id}/terminate", null);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        await Stack.WaitForStatusAsync("sleepy", id, Timeout, "terminated");

        await Task.Delay(4500);
        var instance = await Stack.GetAsync("sleepy", id);
        Assert.Equal("terminated", instance["status"]!.GetValue<string>());
        Assert.DoesNotContain(instance["steps"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "after");

        using var again = await Stack.Api.PostAsync($"api/workflows/sleepy/instances/{id}/terminate", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Restart_runs_a_finished_instance_again_from_the_start()
    {
        var id = await Stack.CreateAsync("flaky", new { failures = 5, limit = 0 });
        await Stack.WaitForStatusAsync("flaky", id, Timeout, "errored");

        using var restart = await Stack.Api.PostAsJsonAsync($"api/workflows/flaky/instances/{id}/restart", new { });
        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);

        // Attempt numbers start again at 1 in the new generation, so it errors again after one fresh attempt.
        var instance = await Stack.WaitForStatusAsync("flaky", id, Timeout, "errored");
        Assert.Equal(1, instance["steps"]![0]!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Restart_from_a_step_keeps_the_steps_before_it_and_reruns_it_and_later_ones()
    {
        var id = await Stack.CreateAsync("sleepy", new { seconds = 1 });
        var first = await Stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
        var beforeEnded = first["steps"]![0]!["endedAt"]!.GetValue<string>();
        var afterEnded = first["steps"]![2]!["endedAt"]!.GetValue<string>();

        using var restart = await Stack.Api.PostAsJsonAsync($"api/workflows/sleepy/instances/{id}/restart", new { from = new { name = "after" } });
        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);

        var again = await Stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
        Assert.Equal(beforeEnded, again["steps"]![0]!["endedAt"]!.GetValue<string>());
        Assert.NotEqual(afterEnded, again["steps"]![2]!["endedAt"]!.GetValue<string>());
        Assert.Equal(2, again["output"]!["after"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listing_250_instances_with_a_cursor_returns_each_once()
    {
        var workflow = "long";
        var created = new HashSet<string>();
        for (var batch = 0; batch < 3; batch++)
        {
            var items = Enumerable.Range(0, batch < 2 ? 100 : 50).Select(_ => new { @params = new { steps = 0 } }).ToArray();
            using var response = await Stack.Api.PostAsJsonAsync($"api/workflows/{workflow}/instances/batch", items);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            foreach (var item in (await response.Content.ReadFromJsonAsync<JsonArray>())!)
                created.Add(item!["id"]!.GetValue<string>());
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await Stack.Api.GetFromJsonAsync<JsonObject>($"api/workflows/{workflow}/instances?limit=40" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))!;
            seen.AddRange(page["instances"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(created, seen.ToHashSet());
    }

    [Fact]
    public async Task Requests_without_a_valid_key_get_401()
    {
        using var anonymous = new HttpClient { BaseAddress = Stack.Api.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri("api/workflows", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
