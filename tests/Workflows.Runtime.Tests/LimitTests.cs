using Microsoft.Extensions.Options;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class LimitTests
{
    [Fact]
    public async Task Step_result_over_the_limit_fails_the_step_without_retries_giving_size_and_limit()
    {
        WorkflowStepException? error = null;
        using var h = new Harness(configure: o => o.MaxStepResultBytes = 100);
        h.Script.Body = async (_, step, _) =>
        {
            try
            {
                await step.Do("big", _ => Task.FromResult(new string('x', 200 + h.Script.Hit("big"))));
            }
            catch (WorkflowStepException e)
            {
                error = e;
            }
            return null;
        };

        await h.RunAsync();

        Assert.NotNull(error);
        Assert.Equal(RuntimeErrorNames.PayloadTooLarge, error.ErrorName);
        Assert.Contains("203 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit is 100 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Script.Count("big"));
    }

    [Fact]
    public async Task Params_over_the_limit_fail_the_instance_before_it_runs()
    {
        using var h = new Harness(configure: o => o.MaxParamsBytes = 10);
        h.Script.Body = (_, _, _) => Task.FromResult<object?>(h.Script.Hit("ran"));
        h.Instance = h.Instance with { ParamsJson = "{\"text\":\"0123456789\"}" };

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(RuntimeErrorNames.PayloadTooLarge, failed.ErrorName);
        Assert.Contains("limit is 10 bytes", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Script.Count("ran"));
    }

    [Fact]
    public async Task Output_over_the_limit_fails_the_instance()
    {
        using var h = new Harness((_, _, _) => Task.FromResult<object?>(new string('x', 50)), o => o.MaxStepResultBytes = 10);

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(RuntimeErrorNames.PayloadTooLarge, failed.ErrorName);
    }

    [Fact]
    public async Task Too_many_steps_fail_the_instance_with_a_clear_message_and_sleeps_do_not_count()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            for (var i = 0; i < 5; i++)
            {
                await step.Sleep("blink", 0);
                await step.Do("work", _ => Task.FromResult(i));
            }
            return "finished";
        }, o => o.MaxSteps = 3);

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(RuntimeErrorNames.StepLimitExceeded, failed.ErrorName);
        Assert.Equal("The instance reached its limit of 3 steps (sleeps do not count) at step 'work'.", failed.Message);
        Assert.Equal(3, (await h.Store.LoadStepsAsync("instance-1", 1)).Count(s => s.Kind == StepKind.Do));
    }

    [Fact]
    public async Task Step_limit_counts_steps_persisted_by_earlier_runs()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Do("a", _ => Task.FromResult(1));
            await step.Sleep("nap", "1 minute");
            await step.Do("b", _ => Task.FromResult(2));
            await step.Do("c", _ => Task.FromResult(3));
            return null;
        }, o => o.MaxSteps = 2);

        (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var failed = (await h.RunAsync()).Failed();

        Assert.Contains("at step 'c'", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(25_001)]
    [InlineData(0)]
    public void Step_limit_outside_1_to_25000_is_a_validation_error(int maxSteps)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new Harness(configure: o => o.MaxSteps = maxSteps).Runner);

        Assert.Contains("MaxSteps must be between 1 and 25000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_limit_of_25000_is_allowed()
    {
        using var h = new Harness(configure: o => o.MaxSteps = 25_000);

        Assert.NotNull(h.Runner);
    }

    [Theory]
    [InlineData(257)]
    [InlineData(0)]
    public async Task Step_names_must_be_1_to_256_characters(int length)
    {
        using var h = new Harness(async (_, step, _) => await step.Do(new string('n', length), _ => Task.FromResult(1)));

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal("ArgumentException", failed.ErrorName);
    }

    [Fact]
    public async Task Step_names_cannot_contain_control_characters()
    {
        using var h = new Harness(async (_, step, _) => await step.Do("line\nbreak", _ => Task.FromResult(1)));

        var failed = (await h.RunAsync()).Failed();

        Assert.Contains("control characters", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_256_character_step_name_is_allowed()
    {
        using var h = new Harness(async (_, step, _) => await step.Do(new string('n', 256), _ => Task.FromResult(1)));

        Assert.Equal("1", (await h.RunAsync()).CompletedJson());
    }
    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    public async Task An_event_payload_as_deep_as_inputs_may_be_is_received_by_its_wait_and_replays_unchanged(int levels)
    {
        // The stored wait result holds the payload one level further down than it arrived.
        var payload = InputRulesTests.Nested(levels);
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            var received = await step.WaitForEvent<System.Text.Json.JsonElement>("deep", new WaitForEventOptions { Type = "deep" });
            await step.Do("after", _ => Task.FromResult(h.Script.Hit("after")));
            return received.Payload;
        };
        await h.Store.AppendEventAsync(new InboxEvent(h.Instance.InstanceId, "e-1", "deep", payload, h.Time.GetUtcNow()));

        var first = await h.RunAsync();
        var replayed = await h.RunAsync();

        Assert.Equal(payload, first.CompletedJson());
        Assert.Equal(payload, replayed.CompletedJson());
        Assert.Equal(1, h.Script.Count("after"));
    }

    [Fact]
    public async Task Params_as_deep_as_inputs_may_be_reach_the_workflow()
    {
        using var h = new Harness((evt, _, _) => Task.FromResult<object?>(evt.Payload));
        h.Instance = h.Instance with { ParamsJson = InputRulesTests.Nested(64) };

        Assert.Equal(InputRulesTests.Nested(64), (await h.RunAsync()).CompletedJson());
    }
}
