using Workflows.Contracts;
using Workflows.Runtime;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>
/// The reconciler against a stopped Executor (run deadline 5 s, a pass a second): a run still waiting in the Executors'
/// queue is left to wait; a run whose message was lost is dispatched again, in a trace of its own.
/// </summary>
public sealed class ReconcilerTraceTests(RecoveryTracingStack stack) : IClassFixture<RecoveryTracingStack>
{
    private const string Executor = "Workflows.Executor";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_reconciler_redispatches_a_lost_run_in_its_own_trace_linked_to_the_instance_trace()
    {
        // No Executor, and the first dispatch is dropped from its queue: lost, so the reconciler sends the instance again.
        stack.Kill(Executor);
        var id = await stack.CreateAsync("flaky", new { failures = 0, limit = 0 });
        await WaitForQueuedRunAsync();
        Assert.Equal(1u, await stack.Infrastructure.PurgeAsync(QueueNames.ExecuteInstancePrompt));
        var spans = await stack.Receiver.WaitForAsync(
            s => s.Any(x => x.Name == "redispatch" && x[WorkflowDiagnostics.InstanceIdTag] == id)
                && s.Any(x => x.Name == "create-instances process" && x.Service.StartsWith("Workflows.Orchestrator", StringComparison.Ordinal)),
            Timeout, $"the reconciler's redispatch of {id}");
        await stack.StartAsync(Executor);
        await stack.WaitForStatusAsync("flaky", id, Timeout, "complete");

        var redispatch = spans.First(x => x.Name == "redispatch" && x[WorkflowDiagnostics.InstanceIdTag] == id);
        var created = await stack.Receiver.WaitForAsync(
            s => s.Any(x => x.Name == "run flaky" && x[WorkflowDiagnostics.InstanceIdTag] == id), Timeout, $"the run of {id}");
        var instanceTrace = created.First(x => x.Name == "run flaky" && x[WorkflowDiagnostics.InstanceIdTag] == id).TraceId;
        // Its own trace (a background pass), with a link into the instance's trace.
        Assert.NotEqual(instanceTrace, redispatch.TraceId);
        Assert.Equal(instanceTrace, Assert.Single(redispatch.Links).TraceId);
    }

    [Fact]
    public async Task A_run_waiting_in_the_queue_past_its_deadline_is_not_dispatched_again_and_runs_once()
    {
        stack.Kill(Executor);
        var id = await stack.CreateAsync("flaky", new { failures = 0, limit = 0 });
        await WaitForQueuedRunAsync();
        // Three run deadlines with a reconciler pass every second: before this change, a redispatch every 5 s.
        await Task.Delay(TimeSpan.FromSeconds(15));
        Assert.Equal(1u, await stack.Infrastructure.MessageCountAsync(QueueNames.ExecuteInstancePrompt));
        await stack.StartAsync(Executor);
        await stack.WaitForStatusAsync("flaky", id, Timeout, "complete");

        var spans = await stack.Receiver.WaitForAsync(
            s => s.Any(x => x.Name == "run flaky" && x[WorkflowDiagnostics.InstanceIdTag] == id), Timeout, $"the run of {id}");
        Assert.DoesNotContain(spans, x => x.Name == "redispatch" && x[WorkflowDiagnostics.InstanceIdTag] == id);
        Assert.Single(spans, x => x.Name == "run flaky" && x[WorkflowDiagnostics.InstanceIdTag] == id);
    }

    /// <summary>Until the single create's run waits in the prompt lane (the Executor is stopped, so nothing takes it).</summary>
    private async Task WaitForQueuedRunAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (await stack.Infrastructure.MessageCountAsync(QueueNames.ExecuteInstancePrompt) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run never reached execute-instance-prompt");
            await Task.Delay(100);
        }
    }
}
