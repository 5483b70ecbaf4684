using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Testing;
using Workflows.Contracts;
using Xunit.Abstractions;

namespace Workflows.Conformance.Tests;

/// <summary>Flow control (docs/flow-control.md) on the distributed stack: limits, queueing order, keys, rate limits, and no leaked slot.</summary>
[Collection(FlowControlCollection.Name)]
public sealed class FlowControlTests(FlowControlStack stack, ITestOutputHelper output)
{
    private const int Max = FlowControlStack.MaxConcurrent;

    [Fact]
    public async Task Fifty_instances_under_MaxConcurrent_3_never_run_more_than_3_at_once_and_start_by_priority_then_creation()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // Three long instances take the slots first, so every other one is queued before any slot frees.
        var blockers = new List<string>();
        for (var i = 0; i < Max; i++)
            blockers.Add(await stack.CreateAsync("limited", new { tenant = $"{run}-b{i}", seconds = 4 }, $"{run}-b{i}"));
        foreach (var id in blockers)
            await stack.WaitForStatusAsync("limited", id, TimeSpan.FromSeconds(60), InstanceStatuses.Running, InstanceStatuses.Complete);

        var random = new Random(16);
        var queued = new List<(string Id, int Priority, int Order)>();
        for (var batch = 0; batch < 4; batch++)
        {
            var items = Enumerable.Range(queued.Count, batch < 3 ? 12 : 11)
                .Select(n => (Id: $"{run}-q{n:D2}", Priority: random.Next(InstancePriorities.Highest, InstancePriorities.Lowest + 1), Order: n))
                .ToList();
            using var response = await stack.Api.PostAsJsonAsync("api/workflows/limited/instances/batch",
                items.Select(x => new { id = x.Id, priority = x.Priority, @params = new { tenant = $"{run}-{x.Order}", seconds = 0.2 } }));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, body);
            Assert.All(JsonNode.Parse(body)!.AsArray(), created => Assert.Equal(InstanceStatuses.Queued, created!["status"]!.GetValue<string>()));
            queued.AddRange(items);
        }
        var listed = JsonNode.Parse(await stack.Api.GetStringAsync("api/workflows/limited/instances?status=queued&limit=100"))!["instances"]!.AsArray();
        Assert.True(listed.Count >= queued.Count - Max, $"only {listed.Count} listed as queued");

        var all = blockers.Concat(queued.Select(q => q.Id)).ToList();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleRunningAsync("limited", sampling.Token);
        var details = new List<JsonObject>();
        foreach (var id in all)
            details.Add(await stack.WaitForStatusAsync("limited", id, TimeSpan.FromSeconds(180), InstanceStatuses.Complete));
        await sampling.CancelAsync();
        var sampled = (await sampler).Max();

        var spans = details.Select(d => (Id: d["id"]!.GetValue<string>(), Span: InstanceSpans.Of(d))).ToList();
        var overlap = InstanceSpans.MostAtOnce(spans.Select(s => s.Span));
        output.WriteLine($"most running at once: {overlap} by start/end times, {sampled} sampled");
        Assert.True(overlap <= Max, $"{overlap} instances ran at once");
        Assert.True(sampled <= Max, $"{sampled} instances were listed running at once");

        var started = spans.ToDictionary(s => s.Id, s => s.Span.Start);
        var expected = queued.OrderBy(q => q.Priority).ThenBy(q => q.Order).Select(q => q.Id).ToList();
        // Instances admitted by one pass share a start time; within it the expected order decides.
        var actual = queued.OrderBy(q => started[q.Id]).ThenBy(q => q.Priority).ThenBy(q => q.Order).Select(q => q.Id).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Instances_parked_in_WaitForEvent_hold_no_slot_so_new_instances_run()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var parked = new List<string>();
        for (var i = 0; i < Max; i++)
            parked.Add(await stack.CreateAsync("approval", new { timeout = "10 minutes" }, $"{run}-parked-{i}"));
        foreach (var id in parked)
            await stack.WaitForStatusAsync("approval", id, TimeSpan.FromSeconds(60), InstanceStatuses.Waiting);

        var later = new List<string>();
        for (var i = 0; i < Max; i++)
            later.Add(await stack.CreateAsync("approval", new { timeout = "10 minutes" }, $"{run}-later-{i}"));
        // Queued instances would never get here while the parked ones held the three slots.
        foreach (var id in later)
            await stack.WaitForStatusAsync("approval", id, TimeSpan.FromSeconds(60), InstanceStatuses.Waiting);

        foreach (var id in parked.Concat(later))
        {
            using var sent = await stack.Api.SendAsync(WorkflowStack.EventRequest("approval", id, "approval", new { ok = true }, $"{id}-approval"));
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }
        foreach (var id in parked.Concat(later))
            await stack.WaitForStatusAsync("approval", id, TimeSpan.FromSeconds(60), InstanceStatuses.Complete);
    }

    [Fact]
    public async Task With_a_per_key_limit_of_1_a_busy_key_does_not_delay_another_key()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var slow = Enumerable.Range(0, 4).Select(i => (Id: $"{run}-slow-{i}", Tenant: $"{run}-slow")).ToList();
        var quick = Enumerable.Range(0, 4).Select(i => (Id: $"{run}-quick-{i}", Tenant: $"{run}-quick")).ToList();
        using (var response = await stack.Api.PostAsJsonAsync("api/workflows/limited/instances/batch",
                   slow.Select(x => new { id = x.Id, @params = new { tenant = x.Tenant, seconds = 2.0 } })
                       .Concat(quick.Select(x => new { id = x.Id, @params = new { tenant = x.Tenant, seconds = 0.1 } }))))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var quickDone = new List<JsonObject>();
        foreach (var (id, _) in quick)
            quickDone.Add(await stack.WaitForStatusAsync("limited", id, TimeSpan.FromSeconds(120), InstanceStatuses.Complete));
        var slowNow = new List<string>();
        foreach (var (id, _) in slow)
            slowNow.Add((await stack.GetAsync("limited", id))["status"]!.GetValue<string>());
        output.WriteLine($"when the quick key was done, the slow key's instances were: {string.Join(", ", slowNow)}");
        // The slow key runs one at a time (2 s each): the quick key's four finished long before the slow key's four could.
        Assert.True(slowNow.Count(s => s == InstanceStatuses.Complete) <= 2, string.Join(", ", slowNow));

        var slowDone = new List<JsonObject>();
        foreach (var (id, _) in slow)
            slowDone.Add(await stack.WaitForStatusAsync("limited", id, TimeSpan.FromSeconds(120), InstanceStatuses.Complete));
        foreach (var key in new[] { quickDone, slowDone })
            Assert.Equal(1, InstanceSpans.MostAtOnce(key.Select(InstanceSpans.Of)));
    }

    [Fact]
    public async Task Creating_faster_than_the_creation_rate_answers_429_with_Retry_After_and_a_refused_batch_creates_nothing()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var tooBig = await PostBatchAsync(run, "big", FlowControlStack.RateBurst + 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);

        using var first = await PostBatchAsync(run, "first", FlowControlStack.RateBurst);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var refused = await PostBatchAsync(run, "refused", FlowControlStack.RateBurst - 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(429, problem["status"]!.GetValue<int>());

        await Task.Delay(retryAfter.Value + TimeSpan.FromSeconds(1));
        using var again = await PostBatchAsync(run, "again", 1);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);

        var page = JsonNode.Parse(await stack.Api.GetStringAsync("api/workflows/nonretryable/instances?limit=100"))!["instances"]!.AsArray();
        var mine = page.Select(i => i!["id"]!.GetValue<string>()).Where(id => id.StartsWith(run, StringComparison.Ordinal)).ToList();
        Assert.Equal(FlowControlStack.RateBurst + 1, mine.Count);
        Assert.DoesNotContain(mine, id => id.Contains("-refused-", StringComparison.Ordinal) || id.Contains("-big-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Out_of_range_priority_is_a_400()
    {
        using var response = await stack.Api.PostAsJsonAsync("api/workflows/limited/instances", new { priority = 9, @params = new { tenant = "x", seconds = 0 } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("priority", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Executor_killed_9_five_times_during_300_limited_instances_leaks_no_slot()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        const int count = 300;
        for (var batch = 0; batch < count / 100; batch++)
        {
            using var response = await stack.Api.PostAsJsonAsync("api/workflows/limited/instances/batch",
                Enumerable.Range(batch * 100, 100).Select(n => new { id = $"{run}-{n:D3}", @params = new { tenant = $"{run}-{n % 30}", seconds = 0.05 } }));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using var sampling = new CancellationTokenSource();
        var sampler = SampleDatabaseAsync(run, sampling.Token);
        try
        {
            for (var kill = 0; kill < 5; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                stack.Kill("Workflows.Executor");
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                await stack.StartAsync("Workflows.Executor");
            }
        }
        finally
        {
            await stack.EnsureRunningAsync("Workflows.Executor");
        }

        var clock = Stopwatch.StartNew();
        Dictionary<string, int> states;
        while ((states = await StatesAsync(run)).GetValueOrDefault("Complete") < count && clock.Elapsed < TimeSpan.FromMinutes(4))
            await Task.Delay(500);
        await sampling.CancelAsync();
        var most = await sampler;
        output.WriteLine($"states: {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}; most holding a slot at once: {most}; {clock.Elapsed.TotalSeconds:F0} s after the last kill");
        Assert.Equal(count, states.GetValueOrDefault("Complete"));
        Assert.Equal(0, states.GetValueOrDefault("Running") + states.GetValueOrDefault("WaitingForPause") + states.GetValueOrDefault("Queued"));
        Assert.True(most <= Max, $"{most} held a slot at once");
    }

    private Task<HttpResponseMessage> PostBatchAsync(string run, string name, int size) =>
        stack.Api.PostAsJsonAsync("api/workflows/nonretryable/instances/batch", Enumerable.Range(0, size).Select(i => new { id = $"{run}-{name}-{i}" }));

    /// <summary>How many instances the list shows running, sampled until cancelled.</summary>
    private async Task<List<int>> SampleRunningAsync(string workflow, CancellationToken ct)
    {
        var samples = new List<int>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var page = JsonNode.Parse(await stack.Api.GetStringAsync($"api/workflows/{workflow}/instances?status=running&limit=100", ct))!;
                samples.Add(page["instances"]!.AsArray().Count);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return samples.Count == 0 ? [0] : samples;
    }

    /// <summary>The most instances of this run holding a slot at once in the database, sampled until cancelled.</summary>
    private async Task<int> SampleDatabaseAsync(string run, CancellationToken ct)
    {
        var most = 0;
        while (!ct.IsCancellationRequested)
        {
            var states = await StatesAsync(run);
            most = Math.Max(most, states.GetValueOrDefault("Running") + states.GetValueOrDefault("WaitingForPause"));
            try
            {
                await Task.Delay(50, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return most;
    }

    private async Task<Dictionary<string, int>> StatesAsync(string run)
    {
        await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_state, count(*)::int FROM workflows.instances WHERE workflow = 'limited' AND instance_id LIKE @run GROUP BY current_state", connection);
        command.Parameters.AddWithValue("run", run + "-%");
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, int>();
        while (await reader.ReadAsync())
            states[reader.GetString(0)] = reader.GetInt32(1);
        return states;
    }
}
