using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Storage;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ListInstancesTests(ApiFixture api)
{
    [Fact]
    public async Task Paging_through_250_instances_returns_each_once_newest_first_while_new_ones_arrive()
    {
        var workflow = "paging";
        var originals = Enumerable.Range(0, 250).Select(i => $"p{i:D3}").ToList();
        // Three batches: the instances of one batch share a createdAt, so the id breaks ties.
        foreach (var chunk in originals.Chunk(100))
            await CreateAsync(workflow, chunk);

        var seen = new List<(string Id, DateTimeOffset CreatedAt)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetPageAsync(workflow, $"limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            seen.AddRange(page.GetProperty("instances").EnumerateArray()
                .Select(x => (x.GetProperty("id").GetString()!, x.GetProperty("createdAt").GetDateTimeOffset())));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
            // Inserted between pages: newer than the cursor, so they belong to no later page.
            await CreateAsync(workflow, [$"q{pages}a", $"q{pages}b"]);
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(originals.Count, seen.Count);
        Assert.Equal(originals.Order(StringComparer.Ordinal), seen.Select(s => s.Id).Order(StringComparer.Ordinal));
        for (var i = 1; i < seen.Count; i++)
            Assert.True(seen[i - 1].CreatedAt > seen[i].CreatedAt
                || (seen[i - 1].CreatedAt == seen[i].CreatedAt && string.CompareOrdinal(seen[i - 1].Id, seen[i].Id) > 0),
                $"{seen[i - 1]} is listed before {seen[i]}");

        var newest = await GetPageAsync(workflow, "limit=1");
        Assert.Equal("q3b", newest.GetProperty("instances")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_list_shows_status_and_times_and_defaults_to_50_per_page()
    {
        var workflow = "order-fulfilment";
        var running = await api.InsertInstanceAsync(workflow, InstanceStates.Running, i => i.StartedAt = DateTimeOffset.UtcNow);

        var page = await GetPageAsync(workflow, "status=running");

        var item = Assert.Single(page.GetProperty("instances").EnumerateArray(), x => x.GetProperty("id").GetString() == running.InstanceId);
        Assert.Equal("running", item.GetProperty("status").GetString());
        Assert.True(item.TryGetProperty("startedAt", out _));
        Assert.False(item.TryGetProperty("endedAt", out _));
        Assert.All(page.GetProperty("instances").EnumerateArray(), x => Assert.Equal("running", x.GetProperty("status").GetString()));

        var all = await GetPageAsync("paging", "");
        Assert.True(all.GetProperty("instances").GetArrayLength() <= 50);
    }

    [Fact]
    public async Task A_status_filter_returns_only_instances_in_that_status()
    {
        var paused = await api.InsertInstanceAsync("billing", InstanceStates.Paused);
        var complete = await api.InsertInstanceAsync("billing", InstanceStates.Complete);

        var page = await GetPageAsync("billing", "status=paused&limit=100");

        var ids = page.GetProperty("instances").EnumerateArray().Select(x => x.GetProperty("id").GetString()).ToList();
        Assert.Contains(paused.InstanceId, ids);
        Assert.DoesNotContain(complete.InstanceId, ids);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("status=sleeping", "status")]
    [InlineData("status=Running", "status")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=bm90OmEgY3Vyc29y", "cursor")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await api.Client.GetAsync(new Uri($"/api/workflows/billing/instances?{query}", UriKind.Relative));

        Assert.Contains(parameter, await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    private async Task CreateAsync(string workflow, IEnumerable<string> ids)
    {
        using var response = await api.Client.PostAsJsonAsync(new Uri($"/api/workflows/{workflow}/instances/batch", UriKind.Relative), ids.Select(id => new { id }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<JsonElement> GetPageAsync(string workflow, string query) =>
        await (await api.Client.GetAsync(new Uri($"/api/workflows/{workflow}/instances?{query}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
}
