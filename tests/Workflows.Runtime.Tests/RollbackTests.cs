using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class RollbackTests
{
    private static readonly StepConfig Once = new() { Retries = new(Limit: 0, Delay: 0, Backoff: Backoff.Constant) };
    private static readonly StepConfig Twice = new() { Retries = new(Limit: 1, Delay: 0, Backoff: Backoff.Constant) };

    /// <summary>Steps s1..s3 with rollbacks that log "undo sN(output) error"; step s{failAt} fails for good.</summary>
    private static Func<WorkflowEvent<JsonElement>, IWorkflowStep, CancellationToken, Task<object?>> Saga(List<string> undone, int failAt, Func<int, Task>? undo = null) =>
        async (_, step, _) =>
        {
            for (var i = 1; i <= 3; i++)
            {
                var index = i;
                await step.Do($"s{i}", Once, _ => index == failAt ? throw new NonRetryableException($"s{index} failed") : Task.FromResult(index * 10),
                    rollback: async (ctx, output, error, _) =>
                    {
                        if (undo is not null)
                            await undo(index);
                        undone.Add($"undo {ctx.StepName}({output}) after {error?.Message ?? "terminate"}");
                    }, Twice);
            }
            if (failAt > 3)
                throw new InvalidOperationException("after s3");
            return "done";
        };

    [Fact]
    public async Task A_failed_instance_rolls_back_its_completed_steps_in_reverse_order_once()
    {
        using var h = new Harness();
        var undone = new List<string>();
        h.Script.Body = Saga(undone, failAt: 3);

        var failed = (await h.RunAsync()).Failed();
        var again = (await h.RunAsync()).Failed();

        Assert.Equal(("NonRetryableException", "s3 failed"), (failed.ErrorName, failed.Message));
        Assert.Equal(new RollbackResult(true), failed.Rollback);
        Assert.Equal(new RollbackResult(true), again.Rollback);
        Assert.Equal(["undo s2(20) after s3 failed", "undo s1(10) after s3 failed"], undone);
        var steps = await h.Store.LoadStepsAsync(h.Instance.InstanceId, 1);
        var rollbacks = steps.Where(s => s.Kind == StepKind.Rollback).OrderBy(s => s.Sequence).ToList();
        Assert.Equal(["s2", "s1"], rollbacks.Select(r => r.Name));
        Assert.All(rollbacks, r => Assert.Equal((StepStatus.Complete, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_rollback_is_retried_and_a_run_lost_mid_rollback_does_not_repeat_the_finished_ones()
    {
        using var h = new Harness();
        var undone = new List<string>();
        var s2Attempts = 0;
        h.Script.Body = Saga(undone, failAt: 4, undo: i => i == 2 && ++s2Attempts == 1 ? throw new InvalidOperationException("s2 undo hiccup") : Task.CompletedTask);

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(("InvalidOperationException", "after s3"), (failed.ErrorName, failed.Message));
        Assert.Equal(["undo s3(30) after after s3", "undo s2(20) after after s3", "undo s1(10) after after s3"], undone);
        Assert.Equal(2, (await h.Store.LoadStepsAsync(h.Instance.InstanceId, 1)).Single(s => s.Key == "rollback:s2#1").Attempts);
    }

    [Fact]
    public async Task A_rollback_that_fails_for_good_is_reported_and_stops_the_rest()
    {
        using var h = new Harness();
        var undone = new List<string>();
        h.Script.Body = Saga(undone, failAt: 4, undo: i => i == 2 ? throw new NonRetryableException("cannot undo s2") : Task.CompletedTask);

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(new RollbackResult(false, "NonRetryableException", "cannot undo s2"), failed.Rollback);
        Assert.Equal(["undo s3(30) after after s3"], undone);
    }

    [Fact]
    public async Task A_long_rollback_backoff_suspends_the_run_and_the_next_run_finishes_the_rollbacks()
    {
        using var h = new Harness(configure: o => o.InlineRetryThreshold = TimeSpan.FromSeconds(1));
        var undone = new List<string>();
        var s3Attempts = 0;
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do("s1", Once, _ => Task.FromResult(1), rollback: (_, _, _, _) =>
            {
                undone.Add("s1");
                return Task.CompletedTask;
            });
            await step.Do("s2", Once, _ => Task.FromResult(2), rollback: (_, _, _, _) =>
                ++s3Attempts == 1 ? throw new InvalidOperationException("later") : Task.CompletedTask,
                new StepConfig { Retries = new(Limit: 3, Delay: "1 minute", Backoff: Backoff.Constant) });
            throw new NonRetryableException("boom");
        };

        var first = (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var second = (await h.RunAsync()).Failed();

        Assert.Equal(Harness.Start + TimeSpan.FromMinutes(1), first.WakeAt);
        Assert.Equal(new RollbackResult(true), second.Rollback);
        Assert.Equal(["s1"], undone);
        Assert.Equal(2, s3Attempts);
    }

    [Fact]
    public async Task Rollback_mode_replays_history_starts_nothing_new_and_rolls_back_the_completed_steps()
    {
        using var h = new Harness();
        var undone = new List<string>();
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do("s1", Once, _ => Task.FromResult(1), rollback: (_, _, error, _) =>
            {
                undone.Add($"s1 {error?.Message ?? "terminated"}");
                return Task.CompletedTask;
            });
            await step.Sleep("wait", "1 hour");
            await step.Do("s2", _ => Task.FromResult(h.Script.Hit("s2")));
            return null;
        };
        (await h.RunAsync()).Suspended();
        h.Instance = h.Instance with { RollingBack = true };

        var outcome = Assert.IsType<RunRolledBack>(await h.RunAsync());

        Assert.Equal(new RollbackResult(true), outcome.Rollback);
        Assert.Equal(["s1 terminated"], undone);
        Assert.Equal(0, h.Script.Count("s2"));
    }

    [Fact]
    public async Task A_failure_without_rollbacks_reports_none()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Do("s1", _ => Task.FromResult(1));
            throw new NonRetryableException("no undo");
        });

        Assert.Null((await h.RunAsync()).Failed().Rollback);
    }
}
