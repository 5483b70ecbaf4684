using Workflows.Contracts;

namespace Workflows.Events.Tests.Consumers;

/// <summary>The per-instance event inbox on real PostgreSQL and RabbitMQ: what is stored, announced, accepted and refused.</summary>
public sealed class SendEventConsumerTests(EventsFixture events) : IClassFixture<EventsFixture>
{
    // Saga state names as the Orchestrator writes them.
    private const string Waiting = "Waiting";
    private const string Running = "Running";
    private const string Complete = "Complete";
    private const string Terminated = "Terminated";

    [Fact]
    public async Task An_event_for_a_waiting_instance_is_stored_in_its_inbox_and_announced_to_the_saga()
    {
        var id = await events.InsertInstanceAsync(Waiting);

        var reply = await events.SendAsync(id, "evt-1", "approval", """{"approved":true}""");

        Assert.Equal(new EventAccepted(id, "evt-1"), Assert.IsType<EventAccepted>(reply));
        var stored = Assert.Single(await events.InboxAsync(id));
        Assert.Equal(("evt-1", "approval", """{"approved":true}"""), (stored.EventId, stored.Type, stored.PayloadJson));
        Assert.Null(stored.ConsumedGeneration);
        await events.Received.WaitForAsync<EventAvailable>(m => m == new EventAvailable(id, "approval"));
    }

    [Fact]
    public async Task An_event_sent_before_the_run_reaches_its_wait_is_buffered_in_arrival_order()
    {
        var id = await events.InsertInstanceAsync(Running);

        foreach (var n in new[] { 1, 2, 3 })
            Assert.IsType<EventAccepted>(await events.SendAsync(id, $"evt-{n}", "approval", $$"""{"n":{{n}}}"""));

        Assert.Equal(["evt-1", "evt-2", "evt-3"], (await events.InboxAsync(id)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_duplicate_event_is_accepted_again_but_stored_once_and_its_id_reused_for_another_event_is_rejected()
    {
        var id = await events.InsertInstanceAsync(Waiting);
        Assert.IsType<EventAccepted>(await events.SendAsync(id, "evt-1", "approval", """{"by":"first"}"""));

        var retried = await events.SendAsync(id, "evt-1", "approval", """{"by":"first"}""");
        var reused = await events.SendAsync(id, "evt-1", "approval", """{"by":"second"}""");

        Assert.Equal(new EventAccepted(id, "evt-1"), Assert.IsType<EventAccepted>(retried));
        Assert.Equal(RejectionCodes.KeyReused, Assert.IsType<EventRejected>(reused).Code);
        var stored = Assert.Single(await events.InboxAsync(id));
        Assert.Equal("""{"by":"first"}""", stored.PayloadJson);
    }

    [Fact]
    public async Task An_event_for_an_unknown_instance_is_rejected_as_not_found_and_nothing_is_stored()
    {
        var id = $"missing-{Guid.NewGuid():N}";

        var reply = await events.SendAsync(id, "evt-1", "approval", "{}");

        var rejected = Assert.IsType<EventRejected>(reply);
        Assert.Equal(("not-found", $"no instance '{id}'"), (rejected.Code, rejected.Reason));
        Assert.Empty(await events.InboxAsync(id));
        Assert.DoesNotContain(events.Received.OfType<EventAvailable>(), m => m.InstanceId == id);
    }

    [Fact]
    public async Task An_event_for_a_finished_instance_is_rejected_with_the_status_it_ended_in()
    {
        var id = await events.InsertInstanceAsync(Terminated);

        var reply = await events.SendAsync(id, "evt-1", "approval", "{}");

        var rejected = Assert.IsType<EventRejected>(reply);
        Assert.Equal(("finished", $"instance '{id}' has finished (terminated)"), (rejected.Code, rejected.Reason));
        Assert.Empty(await events.InboxAsync(id));
    }

    [Fact]
    public async Task After_the_instance_finished_the_retry_of_an_event_it_has_is_accepted_and_a_new_event_is_rejected()
    {
        var id = await events.InsertInstanceAsync(Waiting);
        Assert.IsType<EventAccepted>(await events.SendAsync(id, "evt-1", "approval", "{}"));
        await events.SetStateAsync(id, Complete);

        var retried = await events.SendAsync(id, "evt-1", "approval", "{}");
        var another = await events.SendAsync(id, "evt-2", "approval", "{}");

        Assert.IsType<EventAccepted>(retried);
        Assert.Equal("finished", Assert.IsType<EventRejected>(another).Code);
        Assert.Equal(["evt-1"], (await events.InboxAsync(id)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_payload_over_the_size_limit_is_rejected_as_too_large_and_one_at_the_limit_is_accepted()
    {
        var id = await events.InsertInstanceAsync(Waiting);
        // A JSON string of n characters is n + 2 bytes with its quotes.
        var atLimit = $"\"{new string('a', EventsFixture.MaxEventPayloadBytes - 2)}\"";
        var overLimit = $"\"{new string('a', EventsFixture.MaxEventPayloadBytes - 1)}\"";

        var tooLarge = await events.SendAsync(id, "big", "approval", overLimit);
        var fits = await events.SendAsync(id, "fits", "approval", atLimit);

        var rejected = Assert.IsType<EventRejected>(tooLarge);
        Assert.Equal(RejectionCodes.TooLarge, rejected.Code);
        Assert.Contains("1,025 bytes", rejected.Reason, StringComparison.Ordinal);
        Assert.IsType<EventAccepted>(fits);
        Assert.Equal(["fits"], (await events.InboxAsync(id)).Select(e => e.EventId));
    }
}
