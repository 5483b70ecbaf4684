using Workflows.Runtime;

namespace Workflows.Storage.Tests.History;

/// <summary>
/// What every <see cref="IHistoryStore"/> must do, run once per implementation by a subclass.
/// Each test uses its own instance ids, so the tests of one class may share a database.
/// </summary>
public abstract class HistoryStoreContract
{
    // Microsecond precision: what PostgreSQL keeps of a timestamp.
    private static readonly DateTimeOffset Noon = new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_560);

    protected abstract IHistoryStore Store { get; }

    [Fact]
    public async Task A_saved_step_loads_back_with_every_field_intact()
    {
        var id = NewInstanceId();
        var step = new StepRecord
        {
            Key = "charge card#2",
            Name = "charge card",
            Occurrence = 2,
            Sequence = 7,
            Kind = StepKind.WaitForEvent,
            Status = StepStatus.Retrying,
            Attempts = 3,
            StartedAt = Noon,
            EndedAt = Noon.AddMinutes(1).AddTicks(10),
            ResultJson = """{"zeta":1,"amount":12.50,"items":[1,2,3],"nested":{"ok":true},"none":null,"text":"é ✓"}""",
            ErrorName = "HttpRequestException",
            ErrorMessage = "503 (Service Unavailable)",
            WakeAt = Noon.AddHours(1).AddTicks(990),
            EventType = "approval",
            CpuTime = TimeSpan.FromMilliseconds(12.5),
        };

        await Store.SaveStepAsync(id, 1, step);

        var loaded = Assert.Single(await Store.LoadStepsAsync(id, 1));
        Assert.Equal(step, loaded);
    }

    [Fact]
    public async Task A_step_with_only_its_required_fields_loads_back_with_nulls()
    {
        var id = NewInstanceId();
        var step = Step("nap#1", sequence: 1) with { Kind = StepKind.SleepUntil, Status = StepStatus.Complete, Attempts = 0 };

        await Store.SaveStepAsync(id, 1, step);

        var loaded = Assert.Single(await Store.LoadStepsAsync(id, 1));
        Assert.Equal(step, loaded);
        Assert.Null(loaded.StartedAt);
        Assert.Null(loaded.ResultJson);
        Assert.Null(loaded.EventType);
        Assert.Null(loaded.CpuTime);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"a string with a NUL \\u0000 inside\"")]
    [InlineData("{\"b\":1,\"a\":2,\"b2\":[1.10,1e2]}")]
    public async Task A_step_result_replays_as_exactly_the_json_the_step_returned(string json)
    {
        var id = NewInstanceId();

        await Store.SaveStepAsync(id, 1, Step("a#1", sequence: 1) with { ResultJson = json });

        Assert.Equal(json, Assert.Single(await Store.LoadStepsAsync(id, 1)).ResultJson);
    }

    [Fact]
    public async Task Saving_a_step_again_replaces_it_by_key()
    {
        var id = NewInstanceId();
        var retrying = Step("fetch#1", sequence: 1) with { Status = StepStatus.Retrying, Attempts = 1, ErrorName = "IOException", ErrorMessage = "reset", WakeAt = Noon };
        var done = retrying with { Status = StepStatus.Complete, Attempts = 2, ErrorName = null, ErrorMessage = null, WakeAt = null, EndedAt = Noon, ResultJson = "42" };

        await Store.SaveStepAsync(id, 1, retrying);
        await Store.SaveStepAsync(id, 1, done);

        Assert.Equal(done, Assert.Single(await Store.LoadStepsAsync(id, 1)));
    }

    [Fact]
    public async Task Steps_load_in_the_order_they_were_first_reached()
    {
        var id = NewInstanceId();
        await Store.SaveStepAsync(id, 1, Step("c#1", sequence: 3));
        await Store.SaveStepAsync(id, 1, Step("a#1", sequence: 1));
        await Store.SaveStepAsync(id, 1, Step("b#1", sequence: 2));

        var loaded = await Store.LoadStepsAsync(id, 1);

        Assert.Equal(["a#1", "b#1", "c#1"], loaded.Select(s => s.Key));
    }

    [Fact]
    public async Task Generations_and_instances_do_not_see_each_other_s_steps()
    {
        var id = NewInstanceId();
        var other = NewInstanceId();
        await Store.SaveStepAsync(id, 1, Step("a#1", sequence: 1) with { ResultJson = "1" });
        await Store.SaveStepAsync(id, 2, Step("a#1", sequence: 1) with { ResultJson = "2" });
        await Store.SaveStepAsync(other, 1, Step("a#1", sequence: 1) with { ResultJson = "3" });

        Assert.Equal("1", Assert.Single(await Store.LoadStepsAsync(id, 1)).ResultJson);
        Assert.Equal("2", Assert.Single(await Store.LoadStepsAsync(id, 2)).ResultJson);
        Assert.Equal("3", Assert.Single(await Store.LoadStepsAsync(other, 1)).ResultJson);
        Assert.Empty(await Store.LoadStepsAsync(id, 3));
    }

    [Fact]
    public async Task An_event_sent_twice_with_the_same_id_is_buffered_once()
    {
        var id = NewInstanceId();

        var first = await Store.AppendEventAsync(Event(id, "e-1", "approval", "1"));
        var again = await Store.AppendEventAsync(Event(id, "e-1", "approval", "2"));
        var elsewhere = await Store.AppendEventAsync(Event(NewInstanceId(), "e-1", "approval", "3"));

        Assert.True(first);
        Assert.False(again);
        Assert.True(elsewhere);
        Assert.Equal("1", (await Store.TryConsumeEventAsync(id, 1, Wait("w#1", 1, "approval"), Noon))?.PayloadJson);
        Assert.Null(await Store.TryConsumeEventAsync(id, 1, Wait("w#2", 2, "approval"), Noon));
    }

    [Fact]
    public async Task Waits_take_the_events_of_their_type_in_arrival_order()
    {
        var id = NewInstanceId();
        await Store.AppendEventAsync(Event(id, "z", "approval", "1"));
        await Store.AppendEventAsync(Event(id, "y", "other", "\"o\""));
        await Store.AppendEventAsync(Event(id, "x", "approval", "2"));
        await Store.AppendEventAsync(Event(id, "w", "approval", "3"));

        var taken = new List<string?>();
        for (var n = 1; n <= 3; n++)
            taken.Add((await Store.TryConsumeEventAsync(id, 1, Wait($"approval#{n}", n, "approval"), Noon))?.EventId);
        var other = await Store.TryConsumeEventAsync(id, 1, Wait("other#1", 4, "other"), Noon);

        Assert.Equal(["z", "x", "w"], taken);
        Assert.Equal("y", other?.EventId);
        Assert.Null(await Store.TryConsumeEventAsync(id, 1, Wait("approval#4", 5, "approval"), Noon));
    }

    [Fact]
    public async Task One_event_goes_to_exactly_one_of_two_concurrent_waits()
    {
        for (var round = 0; round < 20; round++)
        {
            var id = NewInstanceId();
            await Store.AppendEventAsync(Event(id, "only", "approval", "true"));
            var left = Wait("left#1", 1, "approval");
            var right = Wait("right#1", 2, "approval");

            var results = await Task.WhenAll(
                Task.Run(() => Store.TryConsumeEventAsync(id, 1, left, Noon)),
                Task.Run(() => Store.TryConsumeEventAsync(id, 1, right, Noon)));

            Assert.Single(results, e => e is not null);
            var completed = Assert.Single(await Store.LoadStepsAsync(id, 1));
            Assert.Equal(StepStatus.Complete, completed.Status);
            Assert.Equal(results[0] is null ? "right#1" : "left#1", completed.Key);
        }
    }

    [Fact]
    public async Task Consuming_an_event_completes_the_wait_step_with_the_event_as_its_result()
    {
        var id = NewInstanceId();
        var waiting = Wait("approval#1", 4, "approval") with { StartedAt = Noon, WakeAt = Noon.AddHours(24) };
        await Store.SaveStepAsync(id, 1, waiting);
        var sent = Event(id, "e-1", "approval", """{"approved":true,"by":"ann"}""");
        await Store.AppendEventAsync(sent);
        var at = Noon.AddMinutes(5);

        var consumed = await Store.TryConsumeEventAsync(id, 1, waiting, at);

        Assert.Equal(sent, consumed);
        var step = Assert.Single(await Store.LoadStepsAsync(id, 1));
        Assert.Equal(waiting with { Status = StepStatus.Complete, EndedAt = at, ResultJson = sent.ToResultJson() }, step);
    }

    [Fact]
    public async Task An_event_without_a_payload_completes_the_wait_with_a_null_payload()
    {
        var id = NewInstanceId();
        await Store.AppendEventAsync(Event(id, "e-1", "ping", ""));

        await Store.TryConsumeEventAsync(id, 1, Wait("ping#1", 1, "ping"), Noon);

        var step = Assert.Single(await Store.LoadStepsAsync(id, 1));
        Assert.Equal(Event(id, "e-1", "ping", "null").ToResultJson(), step.ResultJson);
    }

    [Fact]
    public async Task Consuming_when_no_event_of_that_type_is_buffered_changes_nothing()
    {
        var id = NewInstanceId();
        var waiting = Wait("approval#1", 1, "approval");
        await Store.SaveStepAsync(id, 1, waiting);
        await Store.AppendEventAsync(Event(id, "e-1", "other", "1"));

        var consumed = await Store.TryConsumeEventAsync(id, 1, waiting, Noon);

        Assert.Null(consumed);
        Assert.Equal(waiting, Assert.Single(await Store.LoadStepsAsync(id, 1)));
        Assert.Equal("e-1", (await Store.TryConsumeEventAsync(id, 1, Wait("other#1", 2, "other"), Noon))?.EventId);
    }

    [Fact]
    public async Task A_wait_that_already_took_an_event_gets_the_same_event_again_not_a_second_one()
    {
        var id = NewInstanceId();
        await Store.AppendEventAsync(Event(id, "first", "approval", "1"));
        await Store.AppendEventAsync(Event(id, "second", "approval", "2"));
        var waiting = Wait("approval#1", 1, "approval");

        // Two runs of one instance (a re-delivered ExecuteInstance) both reach the same wait.
        var results = await Task.WhenAll(
            Task.Run(() => Store.TryConsumeEventAsync(id, 1, waiting, Noon)),
            Task.Run(() => Store.TryConsumeEventAsync(id, 1, waiting, Noon)));

        Assert.All(results, e => Assert.Equal("first", e?.EventId));
        Assert.Equal(Event(id, "first", "approval", "1").ToResultJson(), Assert.Single(await Store.LoadStepsAsync(id, 1)).ResultJson);
        Assert.Equal("second", (await Store.TryConsumeEventAsync(id, 1, Wait("approval#2", 2, "approval"), Noon))?.EventId);
    }

    [Fact]
    public async Task Copying_steps_before_a_step_copies_only_the_earlier_ones_into_the_new_generation()
    {
        var id = NewInstanceId();
        var earlier = new[]
        {
            Step("a#1", sequence: 1) with { ResultJson = "1", StartedAt = Noon, EndedAt = Noon },
            Step("nap#1", sequence: 2) with { Kind = StepKind.Sleep, WakeAt = Noon },
        };
        foreach (var step in earlier)
            await Store.SaveStepAsync(id, 1, step);
        await Store.SaveStepAsync(id, 1, Step("b#1", sequence: 3) with { ResultJson = "3" });
        await Store.SaveStepAsync(id, 1, Step("c#1", sequence: 4) with { ResultJson = "4" });

        var copied = await Store.CopyStepsBeforeAsync(id, 1, 2, "b#1");

        Assert.Equal(2, copied);
        Assert.Equal(earlier, await Store.LoadStepsAsync(id, 2));
        Assert.Equal(4, (await Store.LoadStepsAsync(id, 1)).Count);
    }

    [Fact]
    public async Task Copying_from_a_step_that_does_not_exist_throws_KeyNotFoundException_and_copies_nothing()
    {
        var id = NewInstanceId();
        await Store.SaveStepAsync(id, 1, Step("a#1", sequence: 1));

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.CopyStepsBeforeAsync(id, 1, 2, "missing#1"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.CopyStepsBeforeAsync(id, 5, 6, "a#1"));
        Assert.Empty(await Store.LoadStepsAsync(id, 2));
    }

    private static string NewInstanceId() => $"store-{Guid.NewGuid():N}";

    private static StepRecord Step(string key, int sequence) => new()
    {
        Key = key,
        Name = StepKey.Parse(key).Name,
        Occurrence = StepKey.Parse(key).Occurrence,
        Sequence = sequence,
        Kind = StepKind.Do,
        Status = StepStatus.Complete,
        Attempts = 1,
    };

    private static StepRecord Wait(string key, int sequence, string type) =>
        Step(key, sequence) with { Kind = StepKind.WaitForEvent, Status = StepStatus.Waiting, Attempts = 0, EventType = type };

    private static InboxEvent Event(string instanceId, string eventId, string type, string payloadJson) =>
        new(instanceId, eventId, type, payloadJson, Noon.ToUniversalTime());
}
