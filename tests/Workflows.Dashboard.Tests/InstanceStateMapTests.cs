using Workflows.Api.Diagrams;
using Workflows.Dashboard.Rendering;
using Workflows.Storage;

namespace Workflows.Dashboard.Tests;

/// <summary>How step rows become the state shown on a diagram node.</summary>
public sealed class InstanceStateMapTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_interpolated_step_name_matches_every_name_it_produces_and_a_loop_counts_its_iterations()
    {
        var item = Node("StepDo", "item-{i}", DiagramNameKinds.Interpolated);
        var loop = new DiagramNode("Loop", null, null, "for (var i = 0; i < n; i++)", 1, 5, [item], null);
        var map = new InstanceStateMap([Row("item-0", "Complete"), Row("item-1", "Complete"), Row("other", "Complete")]);

        Assert.Equal(new NodeState(NodeState.Done, "done ×2", 2), map.For(item));
        Assert.Equal(2, map.IterationsOf(loop));
    }

    [Fact]
    public void A_retrying_step_shows_its_next_attempt_and_when()
    {
        var map = new InstanceStateMap([Row("charge", "Retrying", attempts: 2, wakeAt: Noon, error: "card declined")]);

        var state = map.For(Node("StepDo", "charge"));

        Assert.Equal(NodeState.Retrying, state.State);
        Assert.Equal("retrying: attempt 3 at 2026-12-01 12:00:00 UTC (last error: card declined)", state.Text);
    }

    [Fact]
    public void A_wait_shows_its_event_type_and_deadline_and_an_unrun_step_is_not_reached()
    {
        var map = new InstanceStateMap([Row("approval", "Waiting", wakeAt: Noon, eventType: "approval")]);

        Assert.Equal("waiting for event 'approval' until 2026-12-01 12:00:00 UTC", map.For(Node("StepWaitForEvent", "approval")).Text);
        Assert.Equal(NodeState.Unreached, map.For(Node("StepDo", "ship")));
    }

    [Fact]
    public void A_failed_or_timed_out_step_is_failed()
    {
        var map = new InstanceStateMap([Row("pay", "Errored", error: "no funds"), Row("wait", "TimedOut")]);

        Assert.Equal("failed: Error: no funds", map.For(Node("StepDo", "pay")).Text);
        Assert.Equal(new NodeState(NodeState.Failed, "timed out", 1), map.For(Node("StepWaitForEvent", "wait")));
    }

    private static DiagramNode Node(string kind, string name, string nameKind = DiagramNameKinds.Constant) =>
        new(kind, name, nameKind, null, 1, 1, null, null);

    private static StepRow Row(string name, string status, int attempts = 1, DateTimeOffset? wakeAt = null, string? eventType = null, string? error = null) => new()
    {
        InstanceId = "i",
        Key = name + "#1",
        Name = name,
        Occurrence = 1,
        Kind = "Do",
        Status = status,
        Attempts = attempts,
        WakeAt = wakeAt,
        EventType = eventType,
        ErrorName = error is null ? null : "Error",
        ErrorMessage = error,
    };
}
