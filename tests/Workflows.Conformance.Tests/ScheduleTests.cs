using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Workflows.Conformance.Tests;

/// <summary>
/// Schedules end to end, every service its own process on RabbitMQ and PostgreSQL: firing on time with two Scheduler
/// replicas, the overlap policies, idempotent definitions, a Scheduler killed before a slot, pause, resume, trigger,
/// delete. Schedules that do not interfere run side by side to keep the wall time down.
/// </summary>
public sealed class ScheduleTests(ScheduleStack stack, ITestOutputHelper output) : IClassFixture<ScheduleStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The schedule the reference Executor declares in code (Workflows.Samples, <c>AddSchedule&lt;ScheduledWorkflow&gt;</c>).</summary>
    private const string DeclaredSchedule = "nightly-scheduled";

    [Fact]
    public async Task Every_second_schedules_fire_each_slot_once_across_two_schedulers_and_record_their_lateness()
    {
        await using var replica = await stack.StartSchedulerReplicaAsync();
        await PutAsync("tick-1s", new { workflow = "echo", every = "1 second", overlap = "allow" }, HttpStatusCode.Created);
        await PutAsync("tick-2s", new { workflow = "echo", every = "2 seconds", overlap = "allow" }, HttpStatusCode.Created);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while ((await InstancesAsync("echo", "tick-1s")).Count < 61 && DateTime.UtcNow < deadline)
            await Task.Delay(1000);
        await PostAsync("tick-1s", "pause");
        await PostAsync("tick-2s", "pause");
        Assert.False(replica.HasExited, "the second Scheduler replica died");

        var every1 = await InstancesAsync("echo", "tick-1s");
        Assert.True(every1.Count >= 61, $"only {every1.Count} firings of tick-1s");
        var slots = every1.Select(i => i.Slot).Order().ToList();
        // Every slot from the first to the last fired, and each once (the ids are the slots).
        Assert.Equal(slots.Count, (int)(slots[^1] - slots[0]).TotalSeconds + 1);
        var counts = (await GetAsync("tick-1s"))["counts"]!;
        Assert.Equal(every1.Count, counts["fired"]!.GetValue<long>());
        Assert.Equal(0, counts["skipped"]!.GetValue<long>());
        Assert.Equal(0, counts["missed"]!.GetValue<long>());

        var every2 = await InstancesAsync("echo", "tick-2s");
        Assert.All(every2, i => Assert.Equal(0, i.Slot.ToUnixTimeSeconds() % 2));
        var lateness = every2.Select(i => (i.CreatedAt - i.Slot).TotalMilliseconds).Order().ToList();
        var p50 = lateness[(int)Math.Ceiling(0.50 * lateness.Count) - 1];
        var p99 = lateness[(int)Math.Ceiling(0.99 * lateness.Count) - 1];
        output.WriteLine($"every 2 seconds, two Scheduler replicas: {lateness.Count} firings, lateness p50 {p50:0} ms, p99 {p99:0} ms, max {lateness[^1]:0} ms; every 1 second: {every1.Count} firings");
        Assert.All(lateness, l => Assert.True(l >= 0, $"an instance was created {-l} ms before its slot"));
        // Lateness is a figure (docs/benchmarks.md), not a timed assertion: on a loaded 2-core CI machine one outlier reached 2.8 s.
        // A firing left to the 30-second timer comparison instead of its own trigger would be far later than this bound.
        Assert.All(lateness, l => Assert.True(l < 10_000, $"a firing came {l:0} ms after its slot"));
    }

    [Fact]
    public async Task Overlap_policies_skip_buffer_one_and_terminate_the_previous_instance()
    {
        await PutAsync("ov-skip", new { workflow = "sleepy", @params = new { seconds = 5 }, every = "2 seconds" }, HttpStatusCode.Created);
        await PutAsync("ov-buffer", new { workflow = "sleepy", @params = new { seconds = 3 }, every = "2 seconds", overlap = "bufferOne" }, HttpStatusCode.Created);
        await PutAsync("ov-terminate", new { workflow = "sleepy", @params = new { seconds = 60 }, every = "3 seconds", overlap = "terminatePrevious" }, HttpStatusCode.Created);
        await Task.Delay(TimeSpan.FromSeconds(14));
        foreach (var id in new[] { "ov-skip", "ov-buffer", "ov-terminate" })
            await PostAsync(id, "pause");

        // skip: later firings were skipped (and counted) while an instance ran; never two running at once.
        var skip = await InstancesAsync("sleepy", "ov-skip");
        Assert.True(skip.Count >= 2, $"ov-skip fired {skip.Count} times");
        AssertOneAtATime(skip);
        var skipCounts = (await GetAsync("ov-skip"))["counts"]!;
        Assert.True(skipCounts["skipped"]!.GetValue<long>() >= 2, skipCounts.ToJsonString());
        Assert.Equal(skip.Count, skipCounts["fired"]!.GetValue<long>());

        // bufferOne: the firing held while the first ran started when it ended (not at a later slot); later ones were skipped.
        var buffer = await InstancesAsync("sleepy", "ov-buffer");
        Assert.True(buffer.Count >= 2, $"ov-buffer fired {buffer.Count} times");
        AssertOneAtATime(buffer);
        Assert.Equal(buffer[0].Slot.AddSeconds(2), buffer[1].Slot);
        Assert.True(buffer[1].CreatedAt - buffer[0].EndedAt!.Value < TimeSpan.FromSeconds(1.5),
            $"the buffered firing started {buffer[1].CreatedAt - buffer[0].EndedAt} after the previous ended");
        Assert.True(buffer[1].CreatedAt - buffer[1].Slot > TimeSpan.FromSeconds(0.5), "the buffered firing did not wait for the previous instance");
        Assert.True((await GetAsync("ov-buffer"))["counts"]!["skipped"]!.GetValue<long>() >= 1);

        // terminatePrevious: each firing terminated the one before it.
        var terminate = await InstancesAsync("sleepy", "ov-terminate");
        Assert.True(terminate.Count >= 3, $"ov-terminate fired {terminate.Count} times");
        Assert.All(terminate.SkipLast(1), i => Assert.Equal("terminated", i.Status));
        AssertOneAtATime(terminate);
        await stack.Api.PostAsync($"api/workflows/sleepy/instances/{terminate[^1].Id}/terminate", null);
    }

    [Fact]
    public async Task The_same_definition_twice_is_one_schedule_and_the_declared_one_survives_three_restarts_unchanged()
    {
        var definition = new { workflow = "echo", @params = new { n = 1 }, every = "1 hour" };
        var created = await PutAsync("twice", definition, HttpStatusCode.Created);
        var again = await PutAsync("twice", definition, HttpStatusCode.OK);
        Assert.Equal(created["updatedAt"]!.ToJsonString(), again["updatedAt"]!.ToJsonString());
        Assert.Equal(created["nextFireTimes"]!.ToJsonString(), again["nextFireTimes"]!.ToJsonString());
        Assert.Equal(0, again["counts"]!["fired"]!.GetValue<long>());
        Assert.Single(await ListAsync(), s => s["id"]!.GetValue<string>() == "twice");
        Assert.Empty(await InstancesAsync("echo", "twice"));
        var changed = await PutAsync("twice", new { workflow = "echo", @params = new { n = 1 }, every = "2 hours" }, HttpStatusCode.OK);
        Assert.Equal("2 hours", changed["every"]!.GetValue<string>());
        Assert.Equal(0, changed["nextFireTimes"]![0]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds() % 7200);

        // The reference Executor declares nightly-scheduled in code (AddSchedule<ScheduledWorkflow>) and upserts it at every start.
        var declared = await WaitForScheduleAsync(DeclaredSchedule);
        Assert.Equal("0 3 * * *", declared["cron"]!.GetValue<string>());
        for (var restart = 0; restart < 3; restart++)
        {
            await stack.StopGracefullyAsync("Workflows.Executor");
            await stack.StartAsync("Workflows.Executor");
        }
        await WaitUntilAsync(() => Count(stack.OutputOf("Workflows.Executor"), "Declared schedule nightly-scheduled: Unchanged") >= 3);
        var declaredSchedules = (await ListAsync()).Where(s => s["id"]!.GetValue<string>() == DeclaredSchedule).ToList();
        Assert.Single(declaredSchedules);
        Assert.Equal(declared["updatedAt"]!.ToJsonString(), declaredSchedules[0]["updatedAt"]!.ToJsonString());
    }

    [Fact]
    public async Task A_scheduler_killed_just_before_a_slot_fires_it_once_and_slots_missed_while_it_is_down_fire_once()
    {
        await PutAsync("crash", new { workflow = "echo", every = "5 seconds", overlap = "allow" }, HttpStatusCode.Created);
        var first = await WaitForScheduleAsync("crash", s => s["counts"]!["fired"]!.GetValue<long>() >= 1);

        // Killed 0.7 s before a slot (its trigger already acquired), started again at once.
        var slot = first["nextFireTimes"]![0]!.GetValue<DateTimeOffset>();
        await Task.Delay(Until(slot - TimeSpan.FromSeconds(0.7)));
        stack.Kill("Workflows.Scheduler");
        await stack.StartAsync("Workflows.Scheduler");
        var afterRestart = await WaitForScheduleAsync("crash", s => s["nextFireTimes"]![0]!.GetValue<DateTimeOffset>() > slot);

        // Killed 1 s before the next slot and kept down for 12 s (past the 8 s misfire threshold): that slot fires once
        // when it is back, the ones after it that passed meanwhile are missed.
        var late = afterRestart["nextFireTimes"]![0]!.GetValue<DateTimeOffset>();
        await Task.Delay(Until(late - TimeSpan.FromSeconds(1)));
        stack.Kill("Workflows.Scheduler");
        await Task.Delay(TimeSpan.FromSeconds(12));
        await stack.StartAsync("Workflows.Scheduler");
        await WaitForScheduleAsync("crash", s => s["nextFireTimes"]![0]!.GetValue<DateTimeOffset>() > late);
        await PostAsync("crash", "pause");

        var all = await InstancesAsync("echo", "crash");
        var schedule = await GetAsync("crash");
        var missed = schedule["counts"]!["missed"]!.GetValue<long>();
        output.WriteLine($"crash: {all.Count} firings, {missed} missed slots; slots {string.Join(", ", all.Select(i => i.Slot.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}");
        Assert.Single(all, i => i.Slot == slot);
        Assert.Single(all, i => i.Slot == late);
        Assert.Equal(all.Count, schedule["counts"]!["fired"]!.GetValue<long>());
        // No slot vanished silently: each slot between the first and the last firing without an instance is counted as missed.
        Assert.True(missed >= 2, schedule.ToJsonString());
        var gaps = (long)((all[^1].Slot - all[0].Slot).TotalSeconds / 5) + 1 - all.Count;
        Assert.True(gaps <= missed, $"{gaps} slots without an instance, {missed} counted as missed");
    }

    [Fact]
    public async Task Pause_stops_firings_resume_restarts_them_trigger_fires_now_and_delete_leaves_the_instances()
    {
        await PutAsync("pulse", new { workflow = "scheduled", @params = new { n = 7 }, every = "1 second", overlap = "allow" }, HttpStatusCode.Created);
        await WaitUntilAsync(async () => (await InstancesAsync("scheduled", "pulse")).Count >= 2);

        var paused = await PostAsync("pulse", "pause");
        Assert.Equal("paused", paused["state"]!.GetValue<string>());
        Assert.Empty(paused["nextFireTimes"]!.AsArray());
        await Task.Delay(1500);
        var atPause = (await InstancesAsync("scheduled", "pulse")).Count;
        await Task.Delay(3000);
        Assert.Equal(atPause, (await InstancesAsync("scheduled", "pulse")).Count);

        var resumed = await PostAsync("pulse", "resume");
        Assert.Equal("active", resumed["state"]!.GetValue<string>());
        Assert.Equal(5, resumed["nextFireTimes"]!.AsArray().Count);
        await WaitUntilAsync(async () => (await InstancesAsync("scheduled", "pulse")).Count >= atPause + 2);

        // The workflow sees the firing: evt.Schedule { Id, Every, ScheduledTime }.
        using var triggered = await stack.Api.PostAsync("api/schedules/pulse/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        var fired = JsonNode.Parse(await triggered.Content.ReadAsStringAsync())!;
        Assert.Equal("fired", fired["outcome"]!.GetValue<string>());
        var instance = await stack.WaitForStatusAsync("scheduled", fired["instanceId"]!.GetValue<string>(), Timeout, "complete");
        Assert.Equal("pulse", instance["output"]!["scheduleId"]!.GetValue<string>());
        Assert.Equal("1 second", instance["output"]!["every"]!.GetValue<string>());
        Assert.Equal(fired["scheduledTime"]!.GetValue<DateTimeOffset>(), instance["output"]!["scheduledTime"]!.GetValue<DateTimeOffset>());
        Assert.Equal(7, instance["output"]!["params"]!["n"]!.GetValue<int>());

        using (var deleted = await stack.Api.DeleteAsync("api/schedules/pulse"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Task.Delay(1500);
        var atDelete = await InstancesAsync("scheduled", "pulse");
        await Task.Delay(3000);
        Assert.Equal(atDelete.Count, (await InstancesAsync("scheduled", "pulse")).Count);
        using (var gone = await stack.Api.GetAsync("api/schedules/pulse"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await stack.WaitForStatusAsync("scheduled", atDelete[0].Id, Timeout, "complete");
    }

    [Fact]
    public async Task Definitions_are_checked_and_a_Berlin_cron_lists_its_fire_times_across_the_spring_change()
    {
        var dst = await PutAsync("berlin", new { workflow = "echo", cron = "30 2 * * *", timeZone = "Europe/Berlin", startAt = "2027-03-26T12:00:00Z" }, HttpStatusCode.Created);
        Assert.Equal(
            ["2027-03-27T01:30:00+00:00", "2027-03-28T01:00:00+00:00", "2027-03-29T00:30:00+00:00", "2027-03-30T00:30:00+00:00", "2027-03-31T00:30:00+00:00"],
            dst["nextFireTimes"]!.AsArray().Select(t => t!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)));
        Assert.Equal("skip", dst["overlap"]!.GetValue<string>());

        await AssertProblemAsync(HttpMethod.Put, "api/schedules/bad", new { workflow = "echo", every = "500 ms" }, HttpStatusCode.BadRequest, "minimum of 1 second");
        await AssertProblemAsync(HttpMethod.Put, "api/schedules/bad", new { workflow = "echo", cron = "every day" }, HttpStatusCode.BadRequest, "cron");
        await AssertProblemAsync(HttpMethod.Put, "api/schedules/bad", new { workflow = "echo", cron = "0 3 * * *", timeZone = "Mars/Olympus" }, HttpStatusCode.BadRequest, "time zone");
        await AssertProblemAsync(HttpMethod.Put, "api/schedules/bad", new { workflow = "echo", every = "1 minute", cron = "0 3 * * *" }, HttpStatusCode.BadRequest, "exactly one");
        await AssertProblemAsync(HttpMethod.Put, "api/schedules/bad", new { workflow = "echo", every = "1 minute", overlap = "sometimes" }, HttpStatusCode.BadRequest, "overlap");
        await AssertProblemAsync(HttpMethod.Put, "api/schedules/-bad", new { workflow = "echo", every = "1 minute" }, HttpStatusCode.BadRequest, "schedule id");
        await AssertProblemAsync(HttpMethod.Put, $"api/schedules/{new string('a', 84)}", new { workflow = "echo", every = "1 minute" }, HttpStatusCode.BadRequest, "at most 83");
        await AssertProblemAsync(HttpMethod.Put, "api/schedules/bad", new { workflow = "nosuch", every = "1 minute" }, HttpStatusCode.NotFound, "nosuch");
        foreach (var (method, path) in new[] { (HttpMethod.Get, "api/schedules/nosuch"), (HttpMethod.Post, "api/schedules/nosuch/pause"), (HttpMethod.Post, "api/schedules/nosuch/resume"), (HttpMethod.Post, "api/schedules/nosuch/trigger"), (HttpMethod.Delete, "api/schedules/nosuch") })
            await AssertProblemAsync(method, path, null, HttpStatusCode.NotFound, "nosuch");
        using var noKey = new HttpClient { BaseAddress = stack.Api.BaseAddress };
        using var unauthorized = await noKey.GetAsync("api/schedules");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.DoesNotContain(await ListAsync(), s => s["id"]!.GetValue<string>() == "bad");
    }

    private static void AssertOneAtATime(IReadOnlyList<FiredInstance> instances)
    {
        for (var i = 1; i < instances.Count; i++)
        {
            Assert.True(instances[i - 1].EndedAt is { } ended && instances[i].CreatedAt >= ended,
                $"{instances[i].Id} started at {instances[i].CreatedAt:O} while {instances[i - 1].Id} ran (ended {instances[i - 1].EndedAt:O})");
        }
    }

    private async Task<JsonObject> PutAsync(string id, object body, HttpStatusCode expected)
    {
        using var response = await stack.Api.PutAsJsonAsync($"api/schedules/{id}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"PUT {id} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> PostAsync(string id, string action)
    {
        using var response = await stack.Api.PostAsync($"api/schedules/{id}/{action}", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {id}/{action} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> GetAsync(string id) => JsonNode.Parse(await stack.Api.GetStringAsync($"api/schedules/{id}"))!.AsObject();

    /// <summary>Polls GET /api/schedules/{id} until it exists and <paramref name="condition"/> holds.</summary>
    private async Task<JsonObject> WaitForScheduleAsync(string id, Func<JsonObject, bool>? condition = null)
    {
        JsonObject? schedule = null;
        await WaitUntilAsync(async () =>
        {
            using var response = await stack.Api.GetAsync($"api/schedules/{id}");
            schedule = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
            return schedule is not null && (condition is null || condition(schedule));
        });
        return schedule!;
    }

    private async Task<List<JsonObject>> ListAsync()
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await stack.Api.GetStringAsync($"api/schedules?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"))!;
            all.AddRange(page["schedules"]!.AsArray().Select(s => s!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>The instances a schedule created, oldest slot first.</summary>
    private async Task<List<FiredInstance>> InstancesAsync(string workflow, string scheduleId)
    {
        var all = new List<FiredInstance>();
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await stack.Api.GetStringAsync($"api/workflows/{workflow}/instances?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}"))!;
            foreach (var item in page["instances"]!.AsArray())
            {
                var id = item!["id"]!.GetValue<string>();
                if (id.Length == scheduleId.Length + 17 && id.StartsWith(scheduleId + "-", StringComparison.Ordinal))
                    all.Add(new FiredInstance(
                        id,
                        DateTimeOffset.ParseExact(id[^16..], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                        item["status"]!.GetValue<string>(),
                        item["createdAt"]!.GetValue<DateTimeOffset>(),
                        item["endedAt"]?.GetValue<DateTimeOffset>()));
            }
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return [.. all.OrderBy(i => i.Slot)];
    }

    private async Task AssertProblemAsync(HttpMethod method, string path, object? body, HttpStatusCode expected, string detail)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await stack.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, JsonNode.Parse(text)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static TimeSpan Until(DateTimeOffset instant) =>
        instant - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not reached within {Timeout}");
            await Task.Delay(250);
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private sealed record FiredInstance(string Id, DateTimeOffset Slot, string Status, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);
}
