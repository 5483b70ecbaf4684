using Microsoft.Extensions.Logging;
using Workflows.Testing;

namespace Workflows.Runtime.Tests;

public class LogScopeTests
{
    [Fact]
    public async Task What_a_workflow_logs_carries_the_instance_and_workflow_and_inside_a_step_the_step_and_attempt()
    {
        var logs = new LogCapture();
        using var h = new Harness(logs: logs);
        h.Instance = h.Instance with { InstanceId = "scoped-" + Guid.NewGuid().ToString("N") };
        var logger = h.Logger("Orders");
        h.Script.Body = async (_, step, _) =>
        {
            logger.LogWarning("starting");
            return await step.Do("charge", _ =>
            {
                logger.LogWarning("charging");
                return Task.FromResult(1);
            });
        };

        await h.RunAsync();

        var starting = Assert.Single(logs.Entries, e => e.Message == "starting");
        Assert.Equal(h.Instance.InstanceId, starting.Scopes[WorkflowDiagnostics.InstanceIdTag]);
        Assert.Equal("scripted", starting.Scopes[WorkflowDiagnostics.WorkflowTag]);
        Assert.False(starting.Scopes.ContainsKey(WorkflowDiagnostics.StepTag));
        var charging = Assert.Single(logs.Entries, e => e.Message == "charging");
        Assert.Equal(h.Instance.InstanceId, charging.Scopes[WorkflowDiagnostics.InstanceIdTag]);
        Assert.Equal("scripted", charging.Scopes[WorkflowDiagnostics.WorkflowTag]);
        Assert.Equal("charge", charging.Scopes[WorkflowDiagnostics.StepTag]);
        Assert.Equal(1, charging.Scopes[WorkflowDiagnostics.AttemptTag]);
    }
}
