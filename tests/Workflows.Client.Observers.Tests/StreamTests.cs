using System.Net;
using System.Net.Http.Headers;
using Workflows.Client.Models;

namespace Workflows.Client.Observers.Tests;

/// <summary><c>GET …/instances/{id}/stream</c> on the distributed stack: history, then live events, and resuming with Last-Event-ID.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class StreamTests(LifecycleStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_stream_opened_mid_run_shows_the_history_then_the_live_events_to_completion()
    {
        var id = await stack.CreateAsync("progress", new { steps = 3, stepMilliseconds = 100, waitForGo = true });
        await stack.WaitForStatusAsync("progress", id, Patience, "waiting");
        using var cts = new CancellationTokenSource(Patience);

        using var response = await OpenAsync(id, null, null, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var history = new List<SseEvent>();
        while (history.LastOrDefault()?.Type != InstanceStreamEventTypes.WaitStarted)
            history.Add(await reader.NextAsync(cts.Token) ?? throw new InvalidOperationException("the stream ended in the history"));

        // Everything up to the wait happened before the stream was opened.
        Assert.Equal(
            [InstanceStreamEventTypes.Created, InstanceStreamEventTypes.Started,
             .. Enumerable.Repeat<string[]>([InstanceStreamEventTypes.StepStarted, InstanceStreamEventTypes.StepCompleted, InstanceStreamEventTypes.Progress], 3).SelectMany(x => x),
             InstanceStreamEventTypes.WaitStarted],
            history.Select(e => e.Type));
        Assert.Equal([1, 2, 3], history.Where(e => e.Type == InstanceStreamEventTypes.Progress).Select(e => e.Data.GetProperty("data").GetProperty("done").GetInt32()));
        Assert.Equal("work", history[2].Data.GetProperty("step").GetString());
        Assert.Equal(1, history[2].Data.GetProperty("attempt").GetInt32());

        using (var go = await stack.Api.SendAsync(Workflows.Testing.WorkflowStack.EventRequest("progress", id, "go", new { }, $"go-{id}"), cts.Token))
            go.EnsureSuccessStatusCode();
        var live = new List<SseEvent>();
        while (await reader.NextAsync(cts.Token) is { } evt)
            live.Add(evt);

        // Live until final, then the response ends. Progress is reported again by each replay (it is not durable).
        Assert.Equal(
            [InstanceStreamEventTypes.WaitCompleted, InstanceStreamEventTypes.SleepStarted, InstanceStreamEventTypes.SleepCompleted, InstanceStreamEventTypes.Complete],
            live.Select(e => e.Type).Where(t => t != InstanceStreamEventTypes.Progress));
        Assert.Equal(InstanceStreamEventTypes.Complete, live[^1].Type);
        Assert.Equal(3, live[^1].Data.GetProperty("data").GetProperty("done").GetInt32());
        Assert.Equal("complete", live[^1].Data.GetProperty("status").GetString());
        var all = history.Concat(live).Select(e => e.Id).ToList();
        Assert.Equal(all.Order(), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(history.Concat(live), e => Assert.Equal(e.Id, e.Data.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task A_reconnect_with_Last_Event_ID_misses_and_repeats_nothing()
    {
        var id = await stack.CreateAsync("progress", new { steps = 4, stepMilliseconds = 300 });
        using var cts = new CancellationTokenSource(Patience);

        // Read a few events live, drop the connection, resume with the header, then with the query parameter.
        var first = await ReadAsync(id, null, null, take: 4, cts.Token);
        var second = await ReadAsync(id, first[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, take: 5, cts.Token);
        var third = await ReadAsync(id, null, second[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), take: int.MaxValue, cts.Token);
        var whole = await ReadAsync(id, null, null, take: int.MaxValue, cts.Token);

        Assert.Equal(whole.Select(e => (e.Id, e.Type)), first.Concat(second).Concat(third).Select(e => (e.Id, e.Type)));
        Assert.Equal(InstanceStreamEventTypes.Complete, whole[^1].Type);
    }

    [Fact]
    public async Task The_instance_status_shows_the_latest_progress()
    {
        var id = await stack.CreateAsync("progress", new { steps = 2, stepMilliseconds = 10 });

        var status = await stack.WaitForStatusAsync("progress", id, Patience, "complete");

        Assert.Equal(2, status["progress"]!["done"]!.GetValue<int>());
        Assert.Equal(2, status["progress"]!["of"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_instance_a_bad_last_event_id_and_a_missing_key_are_problems()
    {
        var id = await stack.CreateAsync("echo", new { x = 1 });

        using var unknown = await OpenAsync("no-such-instance", null, null, CancellationToken.None);
        using var badId = await OpenAsync(id, "seven", null, CancellationToken.None);
        using var anonymous = new HttpClient { BaseAddress = stack.Api.BaseAddress };
        using var noKey = await anonymous.GetAsync($"api/workflows/echo/instances/{id}/stream");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("seven", await badId.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    private async Task<HttpResponseMessage> OpenAsync(string id, string? lastEventId, string? query, CancellationToken ct)
    {
        var workflow = id.StartsWith("no-such", StringComparison.Ordinal) ? "echo" : await WorkflowOf(id);
        var uri = $"api/workflows/{workflow}/instances/{id}/stream" + (query is null ? "" : $"?lastEventId={query}");
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        return await stack.Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task<string> WorkflowOf(string id)
    {
        foreach (var workflow in new[] { "progress", "echo" })
        {
            using var response = await stack.Api.GetAsync($"api/workflows/{workflow}/instances/{id}");
            if (response.IsSuccessStatusCode)
                return workflow;
        }
        throw new InvalidOperationException($"no instance {id}");
    }

    private async Task<List<SseEvent>> ReadAsync(string id, string? lastEventId, string? query, int take, CancellationToken ct)
    {
        using var response = await OpenAsync(id, lastEventId, query, ct);
        response.EnsureSuccessStatusCode();
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = new List<SseEvent>();
        while (events.Count < take && await reader.NextAsync(ct) is { } evt)
            events.Add(evt);
        return events;
    }
}
