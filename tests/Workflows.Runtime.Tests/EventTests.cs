using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class EventTests
{
    [Fact]
    public async Task Events_sent_before_the_wait_are_consumed_in_arrival_order_per_type()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            var a1 = await step.WaitForEvent<int>("first a", new WaitForEventOptions { Type = "a" });
            var b = await step.WaitForEvent<string>("b", new WaitForEventOptions { Type = "b" });
            var a2 = await step.WaitForEvent<int>("second a", new WaitForEventOptions { Type = "a" });
            return new object[] { a1.Payload, b.Payload, a2.Payload };
        });
        await h.SendAsync("a", 1);
        await h.SendAsync("b", "bee");
        await h.SendAsync("a", 2);

        var outcome = await h.RunAsync();

        Assert.Equal("[1,\"bee\",2]", outcome.CompletedJson());
    }

    [Fact]
    public async Task Wait_suspends_until_an_event_of_its_type_arrives()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            var approval = await step.WaitForEvent<Approval>("approval", new WaitForEventOptions { Type = "approval", Timeout = "2 hours" });
            return new { approval.Type, approval.Payload.By, approval.Timestamp };
        });

        var waiting = (await h.RunAsync()).Suspended();
        await h.SendAsync("other", 1);
        var stillWaiting = (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.SendAsync("approval", new Approval(true, "ann"));
        var done = await h.RunAsync();

        Assert.Equal(["approval"], waiting.AwaitedEventTypes);
        Assert.Equal(Harness.Start.AddHours(2), waiting.WakeAt);
        Assert.Equal(waiting, stillWaiting);
        Assert.Equal("{\"type\":\"approval\",\"by\":\"ann\",\"timestamp\":\"2025-01-01T09:05:00+00:00\"}", done.CompletedJson());
    }

    [Fact]
    public async Task Wait_timeout_throws_a_catchable_WorkflowTimeoutException_also_on_replay()
    {
        var messages = new List<string>();
        using var h = new Harness(async (_, step, _) =>
        {
            try
            {
                await step.WaitForEvent<JsonElement>("approval", new WaitForEventOptions { Type = "approval", Timeout = "1 hour" });
                return "approved";
            }
            catch (WorkflowTimeoutException e)
            {
                messages.Add(e.Message);
                return "timed out";
            }
        });

        (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromHours(1));
        var first = await h.RunAsync();
        await h.SendAsync("approval", 1);
        var replay = await h.RunAsync();

        Assert.Equal("\"timed out\"", first.CompletedJson());
        Assert.Equal("\"timed out\"", replay.CompletedJson());
        Assert.Equal(2, messages.Count);
        Assert.Equal(messages[0], messages[1]);
        Assert.Equal(StepStatus.TimedOut, (await h.StepAsync("approval")).Status);
    }

    [Fact]
    public async Task Each_event_is_consumed_by_at_most_one_wait()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            var one = await step.WaitForEvent<int>("one", new WaitForEventOptions { Type = "go" });
            var two = await step.WaitForEvent<int>("two", new WaitForEventOptions { Type = "go" });
            return one.Payload + two.Payload;
        });
        await h.SendAsync("go", 1);

        var waiting = (await h.RunAsync()).Suspended();
        await h.SendAsync("go", 10);
        var done = await h.RunAsync();

        Assert.Equal(["go"], waiting.AwaitedEventTypes);
        Assert.Equal("11", done.CompletedJson());
        Assert.Empty(h.Store.PendingEvents("instance-1"));
    }

    [Fact]
    public async Task Duplicate_event_ids_are_ignored()
    {
        using var h = new Harness();

        var first = await h.Store.AppendEventAsync(new InboxEvent("i", "e-1", "t", "1", Harness.Start));
        var again = await h.Store.AppendEventAsync(new InboxEvent("i", "e-1", "t", "2", Harness.Start));

        Assert.True(first);
        Assert.False(again);
        Assert.Single(h.Store.PendingEvents("i"));
    }

    public sealed record Approval(bool Approved, string By);
}
