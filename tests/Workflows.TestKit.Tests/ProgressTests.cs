using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.TestKit.Tests;

public class ProgressTests
{
    [Fact]
    public async Task Each_report_is_recorded_in_order_and_the_latest_is_the_instances_progress()
    {
        await using var env = new WorkflowTestEnvironment();

        var instance = await env.StartAsync<CountingWorkflow>(3);

        Assert.Equal(InstanceStatus.Complete, instance.Status);
        Assert.Equal([1, 2, 3], instance.Progress.Select(p => p.GetProperty("done").GetInt32()));
        Assert.Equal(3, instance.LatestProgress!.Value.GetProperty("done").GetInt32());
    }

    [Fact]
    public async Task Progress_is_not_durable_so_code_that_runs_again_on_replay_reports_again()
    {
        await using var env = new WorkflowTestEnvironment();

        // Reports before a sleep: the run after the sleep replays from the top and reports once more.
        var instance = await env.StartAsync<SleepingWorkflow>(null);

        Assert.Equal(InstanceStatus.Complete, instance.Status);
        Assert.Equal(["before", "before", "after"], instance.Progress.Select(p => p.GetString()));
    }

    [Fact]
    public async Task The_instances_events_show_step_attempts_sleeps_and_progress_in_order()
    {
        await using var env = new WorkflowTestEnvironment();

        var instance = await env.StartAsync<SleepingWorkflow>(null);

        Assert.Equal(
            [RunEventKind.Progress, RunEventKind.SleepStarted, RunEventKind.Progress, RunEventKind.SleepCompleted,
             RunEventKind.StepStarted, RunEventKind.StepCompleted, RunEventKind.Progress],
            instance.Events.Select(e => e.Kind));
        Assert.Equal("\"done\"", instance.Events.Single(e => e.Kind == RunEventKind.StepCompleted).DataJson);
    }

    [Fact]
    public async Task A_progress_that_cannot_be_written_as_json_fails_the_call()
    {
        await using var env = new WorkflowTestEnvironment();

        var instance = await env.StartAsync<UnwritableProgressWorkflow>(null);

        Assert.Equal(InstanceStatus.Errored, instance.Status);
        Assert.Equal(nameof(ArgumentException), instance.Error!.Name);
        Assert.Empty(instance.Progress);
    }

    [Workflow("counting")]
    private sealed class CountingWorkflow : WorkflowEntrypoint<int>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct)
        {
            for (var i = 1; i <= evt.Payload; i++)
            {
                await step.Do("count", _ => Task.FromResult(i));
                await step.ReportProgress(new { done = i, of = evt.Payload });
            }
            return evt.Payload;
        }
    }

    [Workflow("sleeping")]
    private sealed class SleepingWorkflow : WorkflowEntrypoint<object?>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<object?> evt, IWorkflowStep step, CancellationToken ct)
        {
            await step.ReportProgress("before");
            await step.Sleep("nap", "1 hour");
            var result = await step.Do("work", _ => Task.FromResult("done"));
            await step.ReportProgress("after");
            return result;
        }
    }

    [Workflow("unwritable-progress")]
    private sealed class UnwritableProgressWorkflow : WorkflowEntrypoint<object?>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<object?> evt, IWorkflowStep step, CancellationToken ct)
        {
            // A delegate has no JSON form.
            await step.ReportProgress(new { callback = (Action)(() => { }) });
            return null;
        }
    }
}
