using System.Net.Http.Json;
using Workflows.Runtime;
using Xunit.Abstractions;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>
/// One instance, one trace, across separate processes: the services export OTLP/HTTP protobuf to an in-test receiver,
/// and the tests assert the parent/child structure of a sleepy, an approval and a flaky instance.
/// </summary>
[Collection(TracingCollection.Name)]
public sealed class TraceTests(TracingStack stack, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_sleepy_instance_is_one_trace_from_the_create_request_through_its_timer_to_its_last_step()
    {
        // Long enough that the sleep is still ahead when the saga hears of it, so it goes through the Scheduler.
        var id = await stack.CreateAsync("sleepy", new { seconds = 4 });
        await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");

        var spans = await stack.Receiver.WaitForAsync(
            s => Runs(s, id).Count >= 2 && Named(s, id, "step after").Count == 1 && Named(s, id, "sleep sleep").Count == 1 && Whole(s, id),
            Timeout, $"two runs, the sleep and step 'after' of {id}");
        var traceId = Assert.Single(Mine(spans, id).Select(s => s.TraceId).Distinct());
        var tree = new TraceTree(spans, traceId);
        output.WriteLine($"Trace {traceId} of sleepy instance {id}:");
        output.WriteLine(tree.Print());

        var root = Assert.Single(tree.Spans, s => tree.ParentOf(s) is null);
        Assert.Equal(ReceivedSpan.ServerKind, root.Kind);
        Assert.StartsWith("Workflows.Api", root.Service, StringComparison.Ordinal);
        Assert.True(root.IsRoot);

        var runs = Runs(tree.Spans, id);
        Assert.Equal(2, runs.Count);
        Assert.Equal(runs[0].SpanId, Single(tree, id, "step before").ParentSpanId);
        Assert.Equal(runs[1].SpanId, Single(tree, id, "sleep sleep").ParentSpanId);
        Assert.Equal(runs[1].SpanId, Single(tree, id, "step after").ParentSpanId);
        // The sleep span lasts from the first run's suspension to its wake-up.
        var sleep = Single(tree, id, "sleep sleep");
        Assert.True(sleep.End - sleep.Start >= TimeSpan.FromSeconds(3.9), $"the sleep span lasts {sleep.End - sleep.Start}");

        // create request → Orchestrator's create consumer → Executor's ExecuteInstance → run 1.
        var first = ServicesAbove(tree, runs[0]);
        Assert.Contains(first, s => s.StartsWith("Workflows.Orchestrator", StringComparison.Ordinal));
        Assert.Contains(first, s => s.StartsWith("Workflows.Api", StringComparison.Ordinal));
        // The timer went through the Scheduler, which carried the trace context: run 2 continues the same trace.
        Assert.Contains(ServicesAbove(tree, runs[1]), s => s.StartsWith("Workflows.Scheduler", StringComparison.Ordinal));
        Assert.Empty(runs[1].Links);
    }

    [Fact]
    public async Task An_event_sent_in_another_trace_wakes_a_run_in_the_instance_trace_that_links_to_the_sender()
    {
        var id = await stack.CreateAsync("approval", new { timeout = "1 hour" });
        await stack.WaitForStatusAsync("approval", id, Timeout, "waiting");
        using (var sent = await stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/approval", new { approved = true, by = "ana" }))
            sent.EnsureSuccessStatusCode();
        await stack.WaitForStatusAsync("approval", id, Timeout, "complete");

        var spans = await stack.Receiver.WaitForAsync(
            s => Runs(s, id).Count >= 2 && Named(s, id, "wait approval").Count == 1 && Whole(s, id),
            Timeout, $"two runs and the wait of {id}");
        var traceId = Assert.Single(Mine(spans, id).Select(s => s.TraceId).Distinct());
        var tree = new TraceTree(spans, traceId);
        output.WriteLine(tree.Print());

        var runs = Runs(tree.Spans, id);
        Assert.Equal(2, runs.Count);
        var wait = Single(tree, id, "wait approval");
        Assert.Equal(runs[1].SpanId, wait.ParentSpanId);
        Assert.Equal("received", wait["workflow.outcome"]);
        Assert.Equal("approval", wait["workflow.event_type"]);
        // Run 2 hangs from the instance's root (the create consumer), not from the event's request…
        Assert.StartsWith("Workflows.Orchestrator", tree.ParentOf(runs[1])!.Service, StringComparison.Ordinal);
        // …and links to the trace the event came in: the Api's POST …/events request.
        var link = Assert.Single(runs[1].Links);
        Assert.NotEqual(traceId, link.TraceId);
        var eventTrace = new TraceTree(stack.Receiver.Spans, link.TraceId);
        // (Not necessarily its root: a caller that traces its own HTTP calls sends a parent along, as this test process
        // does whenever another test of the assembly has an in-process host with tracing running.)
        Assert.Contains(eventTrace.Spans, s => s.Kind == ReceivedSpan.ServerKind
            && s.Service.StartsWith("Workflows.Api", StringComparison.Ordinal) && s.Name.Contains("events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_flaky_step_shows_each_attempt_with_its_outcome_and_error_under_the_run()
    {
        var id = await stack.CreateAsync("flaky", new { failures = 2, limit = 3 });
        var details = await stack.WaitForStatusAsync("flaky", id, Timeout, "complete");

        var spans = await stack.Receiver.WaitForAsync(s => Named(s, id, "step flaky").Count >= 3 && Whole(s, id), Timeout, $"three attempts of {id}");
        var traceId = Assert.Single(Mine(spans, id).Select(s => s.TraceId).Distinct());
        var tree = new TraceTree(spans, traceId);
        output.WriteLine(tree.Print());

        var run = Assert.Single(Runs(tree.Spans, id));
        var attempts = Named(tree.Spans, id, "step flaky").OrderBy(s => int.Parse(s["workflow.attempt"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["1", "2", "3"], attempts.Select(s => s["workflow.attempt"]));
        Assert.Equal(["retry", "retry", "success"], attempts.Select(s => s["workflow.outcome"]));
        Assert.Equal([ReceivedSpan.ErrorStatus, ReceivedSpan.ErrorStatus], attempts.Take(2).Select(s => s.StatusCode));
        Assert.All(attempts.Take(2), s => Assert.Equal("InvalidOperationException", s["workflow.error"]));
        Assert.All(attempts, s => Assert.Equal(run.SpanId, s.ParentSpanId));
        Assert.All(attempts, s => Assert.Equal("flaky", s[WorkflowDiagnostics.WorkflowTag]));
        Assert.All(attempts, s => Assert.NotNull(s[WorkflowDiagnostics.CpuTimeTag]));
        Assert.StartsWith("Workflows.Api", Assert.Single(tree.Spans, s => tree.ParentOf(s) is null).Service, StringComparison.Ordinal);

        // The status shows the instance's CPU time: the sum of its steps' (here one step, three attempts).
        var step = Assert.Single(details["steps"]!.AsArray())!;
        Assert.Equal(step["cpuTimeMs"]!.GetValue<double>(), details["cpuTimeMs"]!.GetValue<double>(), 6);
    }

    /// <summary>
    /// Whether the instance's trace has arrived whole: every span's parent received (a parent ends, and is exported,
    /// after its children), so the tree has one root.
    /// </summary>
    private static bool Whole(IReadOnlyList<ReceivedSpan> spans, string id)
    {
        var traces = Mine(spans, id).Select(s => s.TraceId).Distinct().ToList();
        if (traces.Count != 1)
            return traces.Count > 1;
        var tree = new TraceTree(spans, traces[0]);
        return tree.Spans.Count(s => tree.ParentOf(s) is null) == 1;
    }

    /// <summary>The run, step, sleep and wait spans of one instance (the reconciler's redispatch span lives in its own trace).</summary>
    private static List<ReceivedSpan> Mine(IEnumerable<ReceivedSpan> spans, string id) =>
        [.. spans.Where(s => s[WorkflowDiagnostics.InstanceIdTag] == id && !s.Name.StartsWith("redispatch", StringComparison.Ordinal))];

    private static List<ReceivedSpan> Runs(IEnumerable<ReceivedSpan> spans, string id) =>
        [.. Mine(spans, id).Where(s => s.Name.StartsWith("run ", StringComparison.Ordinal)).OrderBy(s => s.Start)];

    private static List<ReceivedSpan> Named(IEnumerable<ReceivedSpan> spans, string id, string name) =>
        [.. Mine(spans, id).Where(s => s.Name == name)];

    private static ReceivedSpan Single(TraceTree tree, string id, string name) => Assert.Single(Named(tree.Spans, id, name));

    private static HashSet<string> ServicesAbove(TraceTree tree, ReceivedSpan span) => [.. tree.AncestorsOf(span).Select(s => s.Service)];
}
