using Microsoft.Extensions.Time.Testing;
using Workflows.Storage.History;
using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.Storage.Tests.History;

/// <summary>
/// The replay engine on real PostgreSQL: every run uses a fresh <see cref="PostgresRunner"/>, as a new
/// <c>ExecuteInstance</c> on any executor replica would, so only what the database kept carries over.
/// </summary>
public sealed class PostgresReplayTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Script script = new();
    private readonly InstanceDescriptor instance = new($"replay-{Guid.NewGuid():N}", "scripted", 1, "{}", DateTimeOffset.UnixEpoch);

    private PostgresHistoryStore Store => new(database.DataSource);

    [Fact]
    public async Task Completed_steps_return_their_stored_results_without_running_again()
    {
        script.Body = async (_, step, _) =>
        {
            var a = await step.Do("a", _ => Task.FromResult(script.Hit("a")));
            var quote = await step.Do("quote", _ => Task.FromResult(new Quote("EUR", 12.5m + script.Hit("quote"))));
            await step.Sleep("nap", "1 minute");
            var b = await step.Do("b", _ => Task.FromResult(script.Hit("b") * 10));
            return new { a, quote, b };
        };

        var first = await RunAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await RunAsync();
        var third = await RunAsync();

        Assert.IsType<RunSuspended>(first);
        Assert.Equal("""{"a":1,"quote":{"currency":"EUR","amount":13.5},"b":10}""", Assert.IsType<RunCompleted>(second).OutputJson);
        Assert.Equal(second, third);
        Assert.Equal([1, 1, 1], new[] { script.Count("a"), script.Count("quote"), script.Count("b") });
    }

    [Fact]
    public async Task A_step_that_failed_for_good_throws_the_same_error_on_replay()
    {
        var caught = new List<string>();
        script.Body = async (_, step, _) =>
        {
            try
            {
                await step.Do("charge", _ =>
                {
                    script.Hit("charge");
                    return Task.FromException<int>(new NonRetryableException("card declined"));
                });
            }
            catch (WorkflowStepException e)
            {
                caught.Add($"{e.StepName} / {e.ErrorName} / {e.Message}");
            }
            await step.Sleep("nap", "1 minute");
            return "refunded";
        };

        Assert.IsType<RunSuspended>(await RunAsync());
        time.Advance(TimeSpan.FromMinutes(1));
        var replayed = await RunAsync();

        Assert.Equal("\"refunded\"", Assert.IsType<RunCompleted>(replayed).OutputJson);
        Assert.Equal(2, caught.Count);
        Assert.Equal(caught[0], caught[1]);
        Assert.Contains("card declined", caught[0], StringComparison.Ordinal);
        Assert.Equal(1, script.Count("charge"));
    }

    [Fact]
    public async Task A_sleep_suspends_the_run_until_it_is_due_and_a_later_run_continues_past_it()
    {
        script.Body = async (_, step, _) =>
        {
            await step.Do("before", _ => Task.FromResult(script.Hit("before")));
            await step.Sleep("nap", "1 hour");
            return await step.Do("after", _ => Task.FromResult(script.Hit("after")));
        };
        var due = time.GetUtcNow().AddHours(1);

        var asleep = await RunAsync();
        time.Advance(TimeSpan.FromMinutes(30));
        var early = await RunAsync();
        time.Advance(TimeSpan.FromMinutes(30));
        var awake = await RunAsync();

        Assert.Equal(RunOutcome.Suspended(due, []), asleep);
        Assert.Equal(RunOutcome.Suspended(due, []), early);
        Assert.Equal("1", Assert.IsType<RunCompleted>(awake).OutputJson);
        Assert.Equal([1, 1], new[] { script.Count("before"), script.Count("after") });
        Assert.Equal(StepStatus.Complete, (await StepAsync("nap")).Status);
    }

    [Fact]
    public async Task Events_sent_before_the_waits_are_reached_are_consumed_in_arrival_order()
    {
        script.Body = async (_, step, _) =>
        {
            var a1 = await step.WaitForEvent<int>("first a", new WaitForEventOptions { Type = "a" });
            var b = await step.WaitForEvent<string>("b", new WaitForEventOptions { Type = "b" });
            var a2 = await step.WaitForEvent<int>("second a", new WaitForEventOptions { Type = "a" });
            return new object[] { a1.Payload, b.Payload, a2.Payload };
        };
        await SendAsync("a", "1");
        await SendAsync("b", "\"bee\"");
        await SendAsync("a", "2");

        var outcome = await RunAsync();

        Assert.Equal("""[1,"bee",2]""", Assert.IsType<RunCompleted>(outcome).OutputJson);
    }

    [Fact]
    public async Task A_wait_suspends_until_its_event_arrives_and_the_next_run_receives_it()
    {
        script.Body = async (_, step, _) =>
        {
            var approval = await step.WaitForEvent<Approval>("approval", new WaitForEventOptions { Type = "approval", Timeout = "1 day" });
            return new { approval.Type, approval.Payload.By, approval.Timestamp };
        };

        var waiting = await RunAsync();
        await SendAsync("approval", """{"approved":true,"by":"ann"}""");
        var received = await RunAsync();

        Assert.Equal(RunOutcome.Suspended(time.GetUtcNow().AddDays(1), ["approval"]), waiting);
        Assert.Equal("""{"type":"approval","by":"ann","timestamp":"2025-01-01T09:00:00+00:00"}""", Assert.IsType<RunCompleted>(received).OutputJson);
    }

    [Fact]
    public async Task A_step_cut_off_by_a_dead_process_runs_again_in_a_new_process_and_only_that_step_does()
    {
        var charging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.Body = async (_, step, _) =>
        {
            var reserved = await step.Do("reserve", _ => Task.FromResult(script.Hit("reserve")));
            var charged = await step.Do("charge", async _ =>
            {
                var attempt = script.Hit("charge");
                if (attempt == 1)
                {
                    charging.SetResult();
                    await hang.Task;
                }
                return attempt;
            });
            var shipped = await step.Do("ship", _ => Task.FromResult(script.Hit("ship")));
            return new[] { reserved, charged, shipped };
        };

        // The first process reaches "charge", then dies: its connections go away with it, mid-step.
        var doomed = database.NewDataSource();
        var dead = new PostgresRunner(doomed, script, time);
        var abandoned = dead.RunAsync(instance);
        await charging.Task.WaitAsync(Patience);
        await doomed.DisposeAsync();
        var left = await Store.LoadStepsAsync(instance.InstanceId, instance.Generation);

        var outcome = await RunAsync();

        Assert.Equal([StepKey.Format("reserve", 1)], left.Select(s => s.Key));
        Assert.Equal("[1,2,1]", Assert.IsType<RunCompleted>(outcome).OutputJson);
        Assert.Equal([1, 2, 1], new[] { script.Count("reserve"), script.Count("charge"), script.Count("ship") });

        // Were the dead process's step to finish after all, it could not overwrite what the new process recorded.
        hang.SetResult();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => abandoned.WaitAsync(Patience));
        Assert.Equal("2", (await StepAsync("charge")).ResultJson);
        await dead.DisposeAsync();
    }

    [Fact]
    public async Task A_step_result_of_exactly_the_size_limit_replays_from_postgres_and_one_byte_more_fails_that_step_clearly()
    {
        // A JSON string of exactly 1 MiB (the default MaxStepResultBytes) as stored: the quotes and 1,048,574 characters.
        var atLimit = new string('r', WorkflowRuntimeOptions.OneMebibyte - 2);
        var errors = new List<string>();
        script.Body = async (_, step, _) =>
        {
            var kept = await step.Do("at limit", _ => Task.FromResult(atLimit));
            try
            {
                await step.Do("over limit", _ => Task.FromResult(atLimit + script.Hit("over limit")));
            }
            catch (WorkflowStepException e)
            {
                errors.Add($"{e.ErrorName}: {e.Message}");
            }
            await step.Sleep("nap", "1 minute");
            return new { same = kept == atLimit, kept.Length };
        };

        Assert.IsType<RunSuspended>(await RunAsync());
        time.Advance(TimeSpan.FromMinutes(1));
        var replayed = await RunAsync();

        Assert.Equal($$"""{"same":true,"length":{{atLimit.Length}}}""", Assert.IsType<RunCompleted>(replayed).OutputJson);
        Assert.Equal(atLimit.Length + 2, (await StepAsync("at limit")).ResultJson!.Length);
        Assert.Equal(2, errors.Count);
        Assert.Equal(errors[0], errors[1]);
        Assert.StartsWith($"{RuntimeErrorNames.PayloadTooLarge}: Step 'over limit' returned 1,048,577 bytes of JSON; the limit is 1,048,576 bytes.", errors[0], StringComparison.Ordinal);
        Assert.Equal(1, script.Count("over limit"));
    }

    [Fact]
    public async Task A_wait_result_holding_a_payload_64_levels_deep_is_stored_and_replays_from_postgres()
    {
        var payload = new string('[', 64) + new string(']', 64);
        script.Body = async (_, step, _) =>
        {
            var deep = await step.WaitForEvent<System.Text.Json.JsonElement>("deep", new WaitForEventOptions { Type = "deep" });
            await step.Sleep("nap", "1 minute");
            return deep.Payload;
        };
        await SendAsync("deep", payload);

        Assert.IsType<RunSuspended>(await RunAsync());
        time.Advance(TimeSpan.FromMinutes(1));
        var replayed = await RunAsync();

        Assert.Equal(payload, Assert.IsType<RunCompleted>(replayed).OutputJson);
        Assert.Contains(payload, (await StepAsync("deep")).ResultJson, StringComparison.Ordinal);
    }

    private async Task<RunOutcome> RunAsync()
    {
        await using var runner = new PostgresRunner(database.DataSource, script, time);
        return await runner.RunAsync(instance).WaitAsync(Patience);
    }

    private Task SendAsync(string type, string payloadJson) =>
        Store.AppendEventAsync(new InboxEvent(instance.InstanceId, Guid.NewGuid().ToString("N"), type, payloadJson, time.GetUtcNow()));

    private async Task<StepRecord> StepAsync(string name, int occurrence = 1) =>
        (await Store.LoadStepsAsync(instance.InstanceId, instance.Generation)).Single(s => s.Key == StepKey.Format(name, occurrence));

    private sealed record Quote(string Currency, decimal Amount);

    private sealed record Approval(bool Approved, string By);
}
