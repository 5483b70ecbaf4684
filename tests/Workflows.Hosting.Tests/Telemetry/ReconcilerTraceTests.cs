using Workflows.Runtime;

namespace Workflows.Hosting.Tests.Telemetry;

public sealed class ReconcilerTraceTests(RecoveryTracingStack stack) : IClassFixture<RecoveryTracingStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_reconciler_redispatches_a_lost_run_in_its_own_trace_linked_to_the_instance_trace()
    {
        // No Executor: the first dispatch waits in the queue past its deadline, and the reconciler sends the instance again.
        stack.Kill("Workflows.Executor");
        var id = await stack.CreateAsync("flaky", new { failures = 0, limit = 0 });
        var spans = await stack.Receiver.WaitForAsync(
            s => s.Any(x => x.Name == "redispatch" && x[WorkflowDiagnostics.InstanceIdTag] == id)
                && s.Any(x => x.Name == "create-instances process" && x.Service.StartsWith("Workflows.Orchestrator", StringComparison.Ordinal)),
            Timeout, $"the reconciler's redispatch of {id}");
        await stack.StartAsync("Workflows.Executor");
        await stack.WaitForStatusAsync("flaky", id, Timeout, "complete");

        var redispatch = spans.First(x => x.Name == "redispatch" && x[WorkflowDiagnostics.InstanceIdTag] == id);
        var created = await stack.Receiver.WaitForAsync(
            s => s.Any(x => x.Name == "run flaky" && x[WorkflowDiagnostics.InstanceIdTag] == id), Timeout, $"the run of {id}");
        var instanceTrace = created.First(x => x.Name == "run flaky" && x[WorkflowDiagnostics.InstanceIdTag] == id).TraceId;
        // Its own trace (a background pass), with a link into the instance's trace.
        Assert.NotEqual(instanceTrace, redispatch.TraceId);
        Assert.Equal(instanceTrace, Assert.Single(redispatch.Links).TraceId);
    }
}
