using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class ReplayTests
{
    [Fact]
    public async Task Completed_step_is_not_run_again_on_replay()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            var a = await step.Do("a", _ => Task.FromResult(h.Script.Hit("a")));
            await step.Sleep("nap", "1 minute");
            var b = await step.Do("b", _ => Task.FromResult(h.Script.Hit("b") * 10));
            return a + b;
        };

        var first = await h.RunAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await h.RunAsync();
        var third = await h.RunAsync();

        first.Suspended();
        Assert.Equal("11", second.CompletedJson());
        Assert.Equal("11", third.CompletedJson());
        Assert.Equal(1, h.Script.Count("a"));
        Assert.Equal(1, h.Script.Count("b"));
    }

    [Fact]
    public async Task Same_name_used_twice_gets_two_keys_by_occurrence()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            var one = await step.Do("fetch", _ => Task.FromResult(1));
            var two = await step.Do("fetch", _ => Task.FromResult(2));
            return new[] { one, two };
        });

        var outcome = await h.RunAsync();

        Assert.Equal("[1,2]", outcome.CompletedJson());
        Assert.Equal("1", (await h.StepAsync("fetch")).ResultJson);
        Assert.Equal("2", (await h.StepAsync("fetch", 2)).ResultJson);
    }

    [Fact]
    public async Task First_run_sees_the_json_round_tripped_result_like_a_replay_does()
    {
        var seen = new List<object?>();
        using var h = new Harness(async (_, step, _) =>
        {
            seen.Add(await step.Do<object>("a", _ => Task.FromResult<object>(new Dictionary<string, int> { ["n"] = 1 })));
            var when = await step.Do("b", _ => Task.FromResult(new Stamp(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Local), "X")));
            seen.Add(when);
            return null;
        });

        await h.RunAsync();
        var firstRun = seen.ToList();
        seen.Clear();
        await h.RunAsync();

        var element = Assert.IsType<JsonElement>(firstRun[0]);
        Assert.Equal(1, element.GetProperty("n").GetInt32());
        Assert.Equal(firstRun[1], seen[1]);
        Assert.Equal(JsonSerializer.Serialize(firstRun[0]), JsonSerializer.Serialize(seen[0]));
    }

    [Fact]
    public async Task Failed_step_throws_the_same_error_again_on_replay()
    {
        var caught = new List<string>();
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            try
            {
                await step.Do<int>("boom", new StepConfig { Retries = new(0, 0) }, _ =>
                {
                    h.Script.Hit("boom");
                    throw new InvalidOperationException("bad card");
                });
            }
            catch (WorkflowStepException e)
            {
                caught.Add($"{e.GetType().Name}|{e.StepName}|{e.ErrorName}|{e.Message}");
            }
            await step.Sleep("nap", "1 hour");
            return "done";
        };

        (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("\"done\"", (await h.RunAsync()).CompletedJson());

        Assert.Equal(1, h.Script.Count("boom"));
        Assert.Equal(2, caught.Count);
        Assert.Equal("WorkflowStepException|boom|InvalidOperationException|bad card", caught[0]);
        Assert.Equal(caught[0], caught[1]);
    }

    [Fact]
    public async Task Non_retryable_step_error_escaping_RunAsync_fails_the_instance_with_that_error()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Do<int>("charge", _ => throw new NonRetryableException("nope"));
            return null;
        });

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal("NonRetryableException", failed.ErrorName);
        Assert.Equal("nope", failed.Message);
    }

    [Fact]
    public async Task Other_exception_from_RunAsync_fails_the_instance_with_its_type_and_message()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Do("ok", _ => Task.FromResult(1));
            throw new InvalidOperationException("bad state");
        });

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal("InvalidOperationException", failed.ErrorName);
        Assert.Equal("bad state", failed.Message);
    }

    [Fact]
    public async Task Output_is_json_with_camel_case_names_and_null_is_allowed()
    {
        using var h = new Harness((_, _, _) => Task.FromResult<object?>(new { OrderId = "o-1", TotalAmount = 5 }));
        using var nothing = new Harness((_, _, _) => Task.FromResult<object?>(null));

        Assert.Equal("{\"orderId\":\"o-1\",\"totalAmount\":5}", (await h.RunAsync()).CompletedJson());
        Assert.Equal("null", (await nothing.RunAsync()).CompletedJson());
    }

    [Fact]
    public async Task Workflow_sees_its_params_and_identity()
    {
        using var h = new Harness((evt, _, _) => Task.FromResult<object?>(new
        {
            id = evt.InstanceId,
            name = evt.WorkflowName,
            amount = evt.Payload.GetProperty("amount").GetInt32(),
            at = evt.Timestamp,
        }));
        h.Instance = h.Instance with { ParamsJson = "{\"amount\":42}" };

        var json = (await h.RunAsync()).CompletedJson();

        Assert.Equal("{\"id\":\"instance-1\",\"name\":\"scripted\",\"amount\":42,\"at\":\"2025-01-01T09:00:00+00:00\"}", json);
    }

    [Fact]
    public async Task Crash_mid_step_reruns_only_that_step_on_the_next_run()
    {
        var hang = new TaskCompletionSource<int>();
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            var a = await step.Do("a", _ => Task.FromResult(h.Script.Hit("a")));
            var b = await step.Do("b", _ => h.Script.Hit("b") == 1 ? hang.Task : Task.FromResult(20));
            return a + b;
        };

        // The first run's process "dies" inside step b: its attempt is never persisted.
        var abandoned = h.RunAsync();
        while (h.Script.Count("b") == 0)
            await Task.Delay(1);
        var outcome = await h.RunAsync();

        Assert.Equal("21", outcome.CompletedJson());
        Assert.Equal(1, h.Script.Count("a"));
        Assert.Equal(2, h.Script.Count("b"));
        Assert.False(abandoned.IsCompleted);
    }

    [Fact]
    public async Task A_stale_generation_does_not_see_or_touch_a_restarted_generation()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) => await step.Do("a", _ => Task.FromResult(h.Script.Hit("a")));

        await h.RunAsync();
        h.Instance = h.Instance with { Generation = 2 };
        var restarted = await h.RunAsync();

        Assert.Equal("2", restarted.CompletedJson());
        Assert.Equal("1", (await h.Store.LoadStepsAsync("instance-1", 1)).Single().ResultJson);
    }

    [Fact]
    public async Task Restart_from_a_step_keeps_earlier_results_and_reruns_that_step_and_later_ones()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            var a = await step.Do("a", _ => Task.FromResult(h.Script.Hit("a")));
            var b = await step.Do("b", _ => Task.FromResult(h.Script.Hit("b")));
            var c = await step.Do("c", _ => Task.FromResult(h.Script.Hit("c")));
            return new[] { a, b, c };
        };
        await h.RunAsync();

        var copied = await h.Store.CopyStepsBeforeAsync("instance-1", 1, 2, StepKey.Format("b", 1));
        h.Instance = h.Instance with { Generation = 2 };
        var outcome = await h.RunAsync();

        Assert.Equal(1, copied);
        Assert.Equal("[1,2,2]", outcome.CompletedJson());
    }

    private sealed record Stamp(DateTime At, string Code);
}
