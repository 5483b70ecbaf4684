using System.Text.Json.Nodes;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The composition samples on the DevHost (one process, in-memory bus, SQLite): the same contract as on the distributed stack.</summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostCompositionTests(DevHostStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Diamond_outputs_d_5_with_a_run_once()
    {
        var id = await stack.CreateAsync("diamond");

        var instance = await stack.WaitForStatusAsync("diamond", id, Timeout, "complete");

        Assert.Equal("""{"d":5,"aRuns":1}""", instance["output"]!.ToJsonString());
    }

    [Fact]
    public async Task Parent_sums_ten_children_and_a_failing_child_fails_it_with_its_error()
    {
        var ok = await stack.CreateAsync("parent", new { children = 10 });
        var failing = await stack.CreateAsync("parent", new { children = 3, failAt = 3 });

        var done = await stack.WaitForStatusAsync("parent", ok, Timeout, "complete");
        var failed = await stack.WaitForStatusAsync("parent", failing, Timeout, "errored");

        Assert.Equal(110, done["output"]!.GetValue<int>());
        Assert.Equal(10, JsonNode.Parse(await stack.Api.GetStringAsync($"api/workflows/parent/instances/{ok}/children"))!["children"]!.AsArray().Count);
        Assert.Equal(("NonRetryableException", "child failed"), (failed["error"]!["name"]!.GetValue<string>(), failed["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rollback_ends_errored_with_its_rollbacks_complete_latest_first()
    {
        var id = await stack.CreateAsync("rollback", new { failAt = 3 });

        var instance = await stack.WaitForStatusAsync("rollback", id, Timeout, "errored");

        Assert.Equal("complete", instance["rollback"]!["outcome"]!.GetValue<string>());
        Assert.Equal(["s2", "s1"], instance["steps"]!.AsArray().Where(s => s!["type"]!.GetValue<string>() == "rollback").Select(s => s!["name"]!.GetValue<string>()));
    }
}
