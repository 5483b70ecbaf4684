using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.TestKit.Tests;

public class CompositionTests
{
    [Fact]
    public async Task A_graph_runs_in_the_test_environment_with_its_shared_node_once()
    {
        await using var env = new WorkflowTestEnvironment();

        var output = await env.ExecuteAsync<DiamondWorkflow, Diamond>();

        Assert.Equal(new Diamond(5, 1), output);
    }

    [Fact]
    public async Task A_registered_child_runs_in_the_environment_with_time_skipped_and_returns_its_output()
    {
        await using var env = new WorkflowTestEnvironment().AddWorkflow<DoublerWorkflow>();

        var parent = await env.StartAsync<FanOutWorkflow>(3);

        Assert.Equal(InstanceStatus.Complete, parent.Status);
        Assert.Equal(12, parent.GetOutput<int>());
        Assert.Equal(InstanceStatus.Complete, env.Instance($"{parent.InstanceId}-kid-2").Status);
        Assert.Equal(StepKind.Invoke, parent.Step("kid", 3).Kind);
    }

    [Fact]
    public async Task A_child_mocked_by_workflow_name_answers_without_running()
    {
        await using var env = new WorkflowTestEnvironment().MockWorkflow("doubler", 10);

        var output = await env.ExecuteAsync<FanOutWorkflow, int>(2);

        Assert.Equal(20, output);
    }

    [Fact]
    public async Task A_child_mocked_to_fail_fails_the_parent_with_its_error()
    {
        await using var env = new WorkflowTestEnvironment().MockWorkflowFailure("doubler", "NonRetryableException", "child failed");

        var parent = await env.StartAsync<FanOutWorkflow>(2);

        Assert.Equal(InstanceStatus.Errored, parent.Status);
        Assert.Equal(new WorkflowError("NonRetryableException", "child failed"), parent.Error);
    }

    [Fact]
    public async Task Terminate_with_rollback_undoes_the_completed_steps_latest_first()
    {
        await using var env = new WorkflowTestEnvironment();
        var instance = await env.StartAsync<BookingWorkflow>();

        await instance.TerminateAsync(rollback: true);

        Assert.Equal(InstanceStatus.Terminated, instance.Status);
        Assert.Equal(new RollbackResult(true), instance.Rollback);
        Assert.Equal(["hotel", "flight"], BookingWorkflow.Undone(instance.InstanceId));
        Assert.Equal([StepKind.Rollback, StepKind.Rollback], instance.Steps.Where(s => s.Kind == StepKind.Rollback).Select(s => s.Kind));
    }

    public sealed record Diamond(int D, int ARuns);

    [Workflow("diamond-test")]
    public sealed class DiamondWorkflow : WorkflowEntrypoint<object?>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<object?> evt, IWorkflowStep step, CancellationToken ct)
        {
            var dag = step.Graph();
            var a = dag.Do("a", _ => 1);
            var b = dag.Do("b", a, (x, _) => x + 1);
            var c = dag.Do("c", a, (x, _) => x + 2);
            var d = dag.Do("d", b, c, (x, y, _) => x + y, concurrent: true);
            return new Diamond(await d, a.Attempts);
        }
    }

    [Workflow("doubler")]
    public sealed class DoublerWorkflow : WorkflowEntrypoint<int>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct)
        {
            await step.Sleep("think", "1 hour");
            return await step.Do("double", _ => Task.FromResult(evt.Payload * 2));
        }
    }

    [Workflow("fan-out")]
    public sealed class FanOutWorkflow : WorkflowEntrypoint<int>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct) =>
            (await Task.WhenAll(Enumerable.Range(1, evt.Payload).Select(i => step.Invoke<DoublerWorkflow, int>("kid", i)))).Sum();
    }

    [Workflow("booking")]
    public sealed class BookingWorkflow : WorkflowEntrypoint<object?>
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> Log = new();

        public static IReadOnlyList<string> Undone(string instanceId) => Log.GetValueOrDefault(instanceId) ?? [];

        public override async Task<object?> RunAsync(WorkflowEvent<object?> evt, IWorkflowStep step, CancellationToken ct)
        {
            foreach (var booking in new[] { "flight", "hotel" })
            {
                await step.Do(booking, StepConfig.Default, _ => Task.FromResult(booking), rollback: (_, output, _, _) =>
                {
                    Log.GetOrAdd(evt.InstanceId, _ => []).Add(output);
                    return Task.CompletedTask;
                });
            }
            await step.WaitForEvent<object>("confirmation", new WaitForEventOptions { Type = "confirm" });
            return null;
        }
    }
}
