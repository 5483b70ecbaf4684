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

        var mine = spans.Where(s => (string?)s.GetTagItem(WorkflowDiagnostics.InstanceIdTag) == h.Instance.InstanceId && s.OperationName.StartsWith("step ", StringComparison.Ordinal))
            .OrderBy(s => (int)s.GetTagItem(WorkflowDiagnostics.AttemptTag)!)
            .ToList();
        Assert.Equal("1", outcome.CompletedJson());
        Assert.Equal(2, mine.Count);
        Assert.All(mine, s => Assert.Equal("charge", s.GetTagItem(WorkflowDiagnostics.StepTag)));
        Assert.Equal([1, 2], mine.Select(s => (int)s.GetTagItem(WorkflowDiagnostics.AttemptTag)!));
        Assert.Equal(ActivityStatusCode.Error, mine[0].Status);
    }

    [Fact]
    public async Task A_run_delivered_in_another_trace_is_parented_to_the_instance_root_and_links_to_its_delivery()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is WorkflowDiagnostics.ActivitySourceName or "Delivery",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var root = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using var h = new Harness();
        h.Instance = h.Instance with { InstanceId = "linked-" + Guid.NewGuid().ToString("N"), TraceParent = $"00-{root.TraceId}-{root.SpanId}-01" };
        h.Script.Body = async (_, step, _) => await step.Do("one", _ => Task.FromResult(1));

        using var deliveries = new ActivitySource("Delivery");
        ActivityContext delivered;
        using (var delivery = deliveries.StartActivity("event delivery"))
        {
            delivered = delivery!.Context;
            await h.RunAsync();
        }

        var run = Assert.Single(spans, s => s.OperationName == "run scripted" && (string?)s.GetTagItem(WorkflowDiagnostics.InstanceIdTag) == h.Instance.InstanceId);
        Assert.Equal(root.TraceId, run.TraceId);
        Assert.Equal(root.SpanId, run.ParentSpanId);
        Assert.Equal(delivered, Assert.Single(run.Links).Context);
        var step = Assert.Single(spans, s => s.OperationName == "step one" && (string?)s.GetTagItem(WorkflowDiagnostics.InstanceIdTag) == h.Instance.InstanceId);
        Assert.Equal(run.SpanId, step.ParentSpanId);
    }
}
