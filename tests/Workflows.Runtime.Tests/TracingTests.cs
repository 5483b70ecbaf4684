using System.Collections.Concurrent;
using System.Diagnostics;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class TracingTests
{
    [Fact]
    public async Task Every_step_attempt_gets_a_span_with_instance_step_and_attempt()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var h = new Harness();
        h.Instance = h.Instance with { InstanceId = "traced-" + Guid.NewGuid().ToString("N") };
        h.Script.Body = async (_, step, _) =>
            await step.Do("charge", new StepConfig { Retries = new(2, 0, Backoff.Constant) }, _ =>
                h.Script.Hit("charge") == 1 ? throw new InvalidOperationException("x") : Task.FromResult(1));

        var outcome = await h.RunAsync();

        var mine = spans.Where(s => (string?)s.GetTagItem(WorkflowDiagnostics.InstanceIdTag) == h.Instance.InstanceId)
            .OrderBy(s => (int)s.GetTagItem(WorkflowDiagnostics.AttemptTag)!)
            .ToList();
        Assert.Equal("1", outcome.CompletedJson());
        Assert.Equal(2, mine.Count);
        Assert.All(mine, s => Assert.Equal("charge", s.GetTagItem(WorkflowDiagnostics.StepTag)));
        Assert.Equal([1, 2], mine.Select(s => (int)s.GetTagItem(WorkflowDiagnostics.AttemptTag)!));
        Assert.Equal(ActivityStatusCode.Error, mine[0].Status);
    }
}
