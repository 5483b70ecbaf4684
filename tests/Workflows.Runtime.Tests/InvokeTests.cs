using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class InvokeTests
{
    private async Task CompleteChildAsync(Harness h, string childId, object? output) =>
        await h.Store.AppendEventAsync(new InboxEvent(h.Instance.InstanceId, ChildOutcome.EventId(childId), ChildOutcome.EventType(childId),
            ChildOutcome.PayloadJson(WorkflowJson.Serialize(output), null, null), h.Time.GetUtcNow()));

    [Fact]
    public async Task Invoke_starts_the_child_once_suspends_and_returns_its_output()
    {
        using var h = new Harness(async (_, step, _) => await step.Invoke<int>("double it", "child", new { i = 4 }));

        var first = (await h.RunAsync()).Suspended();
        var second = (await h.RunAsync()).Suspended();
        await CompleteChildAsync(h, "instance-1-double-it-1", 8);
        var done = await h.RunAsync();

        var child = Assert.Single(h.Children.Started);
        Assert.Equal(new ChildStart("instance-1", "child", "instance-1-double-it-1", """{"i":4}""", true), child);
        Assert.Equal(1, h.Children.Calls);
        Assert.Equal([ChildOutcome.EventType("instance-1-double-it-1")], first.AwaitedEventTypes);
        Assert.Equal(first, second);
        Assert.Equal("8", done.CompletedJson());
        Assert.Equal(StepKind.Invoke, (await h.StepAsync("double it")).Kind);
    }

    [Fact]
    public async Task A_failed_child_surfaces_as_a_step_error_with_its_name_and_message_also_on_replay()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            try
            {
                return await step.Invoke<int>("kid", "child", null);
            }
            catch (WorkflowStepException e)
            {
                return $"{e.ErrorName}: {e.Message}";
            }
        });
        (await h.RunAsync()).Suspended();
        await h.Store.AppendEventAsync(new InboxEvent(h.Instance.InstanceId, "x", ChildOutcome.EventType("instance-1-kid-1"),
            ChildOutcome.PayloadJson(null, "NonRetryableException", "child failed"), h.Time.GetUtcNow()));

        Assert.Equal("\"NonRetryableException: child failed\"", (await h.RunAsync()).CompletedJson());
        Assert.Equal("\"NonRetryableException: child failed\"", (await h.RunAsync()).CompletedJson());
    }

    [Fact]
    public async Task Fan_out_over_many_children_uses_one_id_per_occurrence_and_waits_for_all()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => step.Invoke<int>("child", "child", new { i })));
            return results.Sum();
        });

        var waiting = (await h.RunAsync()).Suspended();
        for (var i = 1; i <= 5; i++)
            await CompleteChildAsync(h, $"instance-1-child-{i}", i * 2);
        var done = await h.RunAsync();

        Assert.Equal(5, waiting.AwaitedEventTypes.Count);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"instance-1-child-{i}").Order(StringComparer.Ordinal), h.Children.Started.Select(c => c.InstanceId));
        Assert.Equal("30", done.CompletedJson());
    }

    [Fact]
    public async Task Options_give_the_child_id_policy_and_timeout()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            try
            {
                return await step.Invoke<int>("kid", "child", null, new ChildWorkflowOptions { Id = "my-kid", ParentClosePolicy = ParentClosePolicy.Abandon, Timeout = "1 hour" });
            }
            catch (WorkflowTimeoutException)
            {
                return -1;
            }
        });

        var waiting = (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromHours(1));
        var done = await h.RunAsync();

        Assert.Equal(new ChildStart("instance-1", "child", "my-kid", "null", false), Assert.Single(h.Children.Started));
        Assert.Equal(Harness.Start + TimeSpan.FromHours(1), waiting.WakeAt);
        Assert.Equal("-1", done.CompletedJson());
    }

    [Fact]
    public void Child_ids_are_valid_instance_ids_even_for_long_names()
    {
        var id = ChildOutcome.ChildId(new string('p', 90), "a very long step name with spaces", 12);

        Assert.Null(InstanceIds.Validate(id));
        Assert.Equal(100, id.Length);
        Assert.Equal("p-fetch-users-1", ChildOutcome.ChildId("p", "Fetch users!", 1));
    }
}
