using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Client.Tests;

/// <summary><c>GET /api/instances</c> through the client: metadata filters walked with the cursor over 10,000 instances.</summary>
[Collection(nameof(StackCollection))]
public sealed class MetadataSearchTests(ClientStack stack)
{
    private const int Instances = 10_000;
    private const int BatchSize = 100;

    [Fact]
    public async Task Metadata_filters_page_through_ten_thousand_instances_with_the_cursor_without_gaps_or_repeats()
    {
        var client = stack.Client();
        var run = Guid.NewGuid().ToString("N");
        var expected = new Dictionary<string, HashSet<string>> { ["a"] = [], ["b"] = [] };
        // Created in batches of 100, four at a time; every third instance is tenant a, the rest tenant b.
        var batches = Enumerable.Range(0, Instances / BatchSize).Select(b => Enumerable.Range(b * BatchSize, BatchSize).Select(i =>
        {
            var tenant = i % 3 == 0 ? "a" : "b";
            var id = $"meta-{run[..8]}-{i:D5}";
            expected[tenant].Add(id);
            return new CreateInstanceRequest(id, null) { Metadata = new Dictionary<string, string> { ["run"] = run, ["tenant"] = tenant } };
        }).ToList()).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
            await client.CreateBatchAsync("echo", batch, ct));

        foreach (var tenant in new[] { "a", "b" })
        {
            var query = new InstanceQuery { Metadata = new Dictionary<string, string> { ["run"] = run, ["tenant"] = tenant }, Limit = InstanceQuery.MaxLimit };
            var seen = new List<InstanceSummary>();
            var pages = 0;
            string? cursor = null;
            do
            {
                var page = await client.ListInstancesPageAsync(query, cursor);
                pages++;
                Assert.True(page.Instances.Count == InstanceQuery.MaxLimit || page.NextCursor is null, $"page {pages} of tenant {tenant} holds {page.Instances.Count} and is not the last");
                Assert.All(page.Instances, i => Assert.Equal((tenant, run, "echo"), (i.Metadata?["tenant"], i.Metadata?["run"], i.Workflow)));
                seen.AddRange(page.Instances);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(seen.Count, seen.Select(i => i.Id).Distinct().Count());
            Assert.True(expected[tenant].SetEquals(seen.Select(i => i.Id)), $"tenant {tenant}: {seen.Count} listed, {expected[tenant].Count} created");
            Assert.Equal((expected[tenant].Count + InstanceQuery.MaxLimit - 1) / InstanceQuery.MaxLimit, pages);
            // Newest first, ties broken by id descending: the keyset order.
            Assert.Equal(seen.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Id), seen.Select(i => i.Id));
        }

        // The enumerable follows the same cursor; a filter that matches nothing is one empty page.
        var all = await client.ListInstancesAsync(new InstanceQuery { Workflow = "echo", Metadata = new Dictionary<string, string> { ["run"] = run } }).CountAsync();
        var none = await client.ListInstancesPageAsync(new InstanceQuery { Metadata = new Dictionary<string, string> { ["run"] = run, ["tenant"] = "c" } });
        var otherWorkflow = await client.ListInstancesPageAsync(new InstanceQuery { Workflow = "sleepy", Metadata = new Dictionary<string, string> { ["run"] = run } });

        Assert.Equal(Instances, all);
        Assert.Empty(none.Instances);
        Assert.Null(none.NextCursor);
        Assert.Empty(otherWorkflow.Instances);
    }

    [Fact]
    public async Task Status_and_creation_time_filters_combine_with_metadata()
    {
        var client = stack.Client();
        var run = Guid.NewGuid().ToString("N");
        var metadata = new Dictionary<string, string> { ["run"] = run };
        var before = DateTimeOffset.UtcNow;
        var waiting = await client.CreateAsync("approval", new CreateInstanceRequest(null, null) { Metadata = metadata });
        var done = await client.CreateAsync("echo", new CreateInstanceRequest(null, null) { Metadata = metadata });
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await client.GetAsync("echo", done.Id)).Status != InstanceStatuses.Complete && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var complete = await client.ListInstancesPageAsync(new InstanceQuery { Metadata = metadata, Status = InstanceStatuses.Complete });
        var later = await client.ListInstancesPageAsync(new InstanceQuery { Metadata = metadata, CreatedAfter = DateTimeOffset.UtcNow.AddMinutes(1) });
        var window = await client.ListInstancesPageAsync(new InstanceQuery { Metadata = metadata, CreatedAfter = before.AddSeconds(-5), CreatedBefore = DateTimeOffset.UtcNow.AddMinutes(1) });
        var bad = await Assert.ThrowsAsync<WorkflowsValidationException>(() => client.ListInstancesPageAsync(new InstanceQuery { Status = "sleeping" }));

        Assert.Equal([done.Id], complete.Instances.Select(i => i.Id));
        Assert.Empty(later.Instances);
        Assert.Equal(new[] { waiting.Id, done.Id }.Order(), window.Instances.Select(i => i.Id).Order());
        Assert.Contains("status must be one of", bad.Detail, StringComparison.Ordinal);
        await client.TerminateAsync("approval", waiting.Id);
    }
}
