using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Samples;
using Workflows.Testing;
using Xunit.Abstractions;

namespace Workflows.Conformance.Tests;

/// <summary>DAG steps, child workflows and rollbacks on the distributed stack (every service its own process), with Executor kills.</summary>
public sealed class CompositionTests(FastRecoveryStack stack, ITestOutputHelper output) : IClassFixture<FastRecoveryStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private const string Executor = "Workflows.Executor";

    [Fact]
    public async Task A_diamond_whose_executor_is_killed_mid_graph_runs_each_node_once_and_its_shared_node_once()
    {
        var id = await stack.CreateAsync("diamond", new { nodeMilliseconds = 1500 });
        // a is persisted and b and c are working: kill -9 in the middle of the graph.
        await WaitForStepAsync("diamond", id, s => s["name"]!.GetValue<string>() == "a" && s["status"]!.GetValue<string>() == "complete");
        stack.Kill(Executor);
        try
        {
            await stack.StartAsync(Executor);
            var instance = await stack.WaitForStatusAsync("diamond", id, Timeout, "complete");

            Assert.Equal(5, instance["output"]!["d"]!.GetValue<int>());
            Assert.Equal(1, instance["output"]!["aRuns"]!.GetValue<int>());
            Assert.Equal(new Dictionary<string, long> { ["a"] = 1, ["b"] = 1, ["c"] = 1, ["d"] = 1 }, await SideEffectsAsync(id));
        }
        finally
        {
            await stack.EnsureRunningAsync(Executor);
        }
    }

    [Fact]
    public async Task A_parent_fanning_out_a_hundred_children_completes_with_their_summed_outputs()
    {
        var clock = Stopwatch.StartNew();
        var id = await stack.CreateAsync("parent", new { children = 100 });

        var instance = await stack.WaitForStatusAsync("parent", id, Timeout, "complete");
        output.WriteLine($"parent with 100 children: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(100 * 101, instance["output"]!.GetValue<int>());
        var children = (await ChildrenAsync("parent", id)).ToList();
        Assert.Equal(100, children.Count);
        Assert.All(children, c => Assert.Equal(("child", "complete"), (c["workflow"]!.GetValue<string>(), c["status"]!.GetValue<string>())));
        Assert.Contains(children, c => c["id"]!.GetValue<string>() == $"{id}-child-100");
        var child = await stack.GetAsync("child", $"{id}-child-7");
        Assert.Equal((id, 14), (child["parent"]!["id"]!.GetValue<string>(), child["output"]!.GetValue<int>()));
        Assert.Equal("invoke", instance["steps"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_child_surfaces_its_error_in_the_parent()
    {
        var id = await stack.CreateAsync("parent", new { children = 3, failAt = 2 });

        var instance = await stack.WaitForStatusAsync("parent", id, Timeout, "errored");

        Assert.Equal(("NonRetryableException", "child failed"), (instance["error"]!["name"]!.GetValue<string>(), instance["error"]!["message"]!.GetValue<string>()));
        var failed = await stack.GetAsync("child", $"{id}-child-2");
        Assert.Equal("errored", failed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Terminating_a_parent_terminates_its_children()
    {
        var id = await stack.CreateAsync("parent", new { children = 3, childSleepSeconds = 3600 });
        await stack.WaitForStatusAsync("parent", id, Timeout, "waiting");
        for (var i = 1; i <= 3; i++)
            await stack.WaitForStatusAsync("child", $"{id}-child-{i}", Timeout, "waiting");

        using (var terminate = await stack.Api.PostAsync($"api/workflows/parent/instances/{id}/terminate", null))
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        for (var i = 1; i <= 3; i++)
            await stack.WaitForStatusAsync("child", $"{id}-child-{i}", Timeout, "terminated");
        Assert.Equal("terminated", (await stack.GetAsync("parent", id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_instance_runs_the_rollbacks_of_its_completed_steps_in_reverse_order()
    {
        var id = await stack.CreateAsync("rollback", new { failAt = 3 });

        var instance = await stack.WaitForStatusAsync("rollback", id, Timeout, "errored");

        Assert.Equal("complete", instance["rollback"]!["outcome"]!.GetValue<string>());
        Assert.Equal(("NonRetryableException", "s3 failed"), (instance["error"]!["name"]!.GetValue<string>(), instance["error"]!["message"]!.GetValue<string>()));
        Assert.Equal(["s2", "s1"], Rollbacks(instance));
    }

    [Fact]
    public async Task Three_rollbacks_run_in_reverse_once_each_also_when_the_executor_is_killed_during_the_second()
    {
        var id = await stack.CreateAsync("rollback", new { failAt = 4, rollbackMilliseconds = 1500 });
        await WaitForStepAsync("rollback", id, s => s["type"]!.GetValue<string>() == "rollback" && s["status"]!.GetValue<string>() == "complete");
        stack.Kill(Executor);
        try
        {
            await stack.StartAsync(Executor);
            var instance = await stack.WaitForStatusAsync("rollback", id, Timeout, "errored");

            Assert.Equal("complete", instance["rollback"]!["outcome"]!.GetValue<string>());
            Assert.Equal(["s3", "s2", "s1"], Rollbacks(instance));
            Assert.Equal(new Dictionary<string, long>
            {
                ["s1"] = 1, ["s2"] = 1, ["s3"] = 1, ["undo s1"] = 1, ["undo s2"] = 1, ["undo s3"] = 1,
            }, await SideEffectsAsync(id));
        }
        finally
        {
            await stack.EnsureRunningAsync(Executor);
        }
    }

    [Fact]
    public async Task Terminate_with_rollback_undoes_the_completed_steps_once_each_and_ends_terminated()
    {
        var id = await stack.CreateAsync("rollback", new { failAt = 0, sleepSeconds = 3600 });
        await stack.WaitForStatusAsync("rollback", id, Timeout, "waiting");

        using (var terminate = await stack.Api.PostAsync($"api/workflows/rollback/instances/{id}/terminate", JsonContent.Create(new { rollback = true })))
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        await WaitUntilAsync(async () => (await stack.GetAsync("rollback", id))["rollback"] is not null);
        var instance = await stack.GetAsync("rollback", id);
        Assert.Equal(("terminated", "complete"), (instance["status"]!.GetValue<string>(), instance["rollback"]!["outcome"]!.GetValue<string>()));
        Assert.Equal(["s3", "s2", "s1"], Rollbacks(instance));
        Assert.Equal(1, (await SideEffectsAsync(id))["undo s2"]);
    }

    [Fact]
    public async Task A_terminated_child_fails_its_waiting_parent_with_ChildTerminated()
    {
        var id = await stack.CreateAsync("parent", new { children = 1, childSleepSeconds = 3600 });
        await stack.WaitForStatusAsync("child", $"{id}-child-1", Timeout, "waiting");

        using (var terminate = await stack.Api.PostAsync($"api/workflows/child/instances/{id}-child-1/terminate", null))
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        var parent = await stack.WaitForStatusAsync("parent", id, Timeout, "errored");
        Assert.Equal("ChildTerminated", parent["error"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_child_workflow_costs_more_than_a_plain_step_and_the_difference_is_measured()
    {
        const int Rounds = 10;
        // The services commit in the background too (leases, reconciler, Quartz check-ins): measure that rate and take it off.
        var idleStart = await CommitsAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var backgroundPerMs = (await CommitsAsync() - idleStart) / 3000.0;
        var step = await MeasureAsync("fanout", new { n = 1 }, Rounds);
        var child = await MeasureAsync("parent", new { children = 1 }, Rounds);
        output.WriteLine($"background: {backgroundPerMs * 1000:0.0} commits/s");
        output.WriteLine($"one plain step: {step.Milliseconds:0} ms, {step.Commits:0.0} commits ({step.Commits - backgroundPerMs * step.Milliseconds:0.0} net)");
        output.WriteLine($"one child workflow: {child.Milliseconds:0} ms, {child.Commits:0.0} commits ({child.Commits - backgroundPerMs * child.Milliseconds:0.0} net) (mean of {Rounds}, sequential)");

        Assert.True(child.Commits > step.Commits, "a child is a second instance: it cannot take fewer commits than one step");
    }

    private async Task<(double Milliseconds, double Commits)> MeasureAsync(string workflow, object parameters, int rounds)
    {
        var clock = new Stopwatch();
        long commits = 0;
        for (var i = 0; i < rounds; i++)
        {
            var before = await CommitsAsync();
            clock.Start();
            var id = await stack.CreateAsync(workflow, parameters);
            await stack.WaitForStatusAsync(workflow, id, Timeout, "complete");
            clock.Stop();
            commits += await CommitsAsync() - before;
        }
        return (clock.Elapsed.TotalMilliseconds / rounds, (double)commits / rounds);
    }

    private async Task<long> CommitsAsync()
    {
        await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        // The statistics are a snapshot per transaction: clear it so each read sees the latest counters.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
            await clear.ExecuteNonQueryAsync();
        await using var read = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await read.ExecuteScalarAsync())!;
    }

    private static List<string> Rollbacks(JsonObject instance) =>
        [.. instance["steps"]!.AsArray().Where(s => s!["type"]!.GetValue<string>() == "rollback").Select(s => s!["name"]!.GetValue<string>())];

    private async Task<IEnumerable<JsonObject>> ChildrenAsync(string workflow, string id)
    {
        var body = JsonNode.Parse(await stack.Api.GetStringAsync($"api/workflows/{workflow}/instances/{id}/children"))!;
        return body["children"]!.AsArray().Select(c => c!.AsObject());
    }

    private async Task WaitForStepAsync(string workflow, string id, Func<JsonObject, bool> match)
    {
        await WaitUntilAsync(async () => (await stack.GetAsync(workflow, id))["steps"]!.AsArray().Any(s => match(s!.AsObject())));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(50);
        }
    }

    /// <summary>How many times each step body of the instance ran, from the samples' ledger table.</summary>
    private async Task<Dictionary<string, long>> SideEffectsAsync(string id)
    {
        await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT step, count(*) FROM {SideEffectLedger.Table} WHERE instance_id = $1 GROUP BY step", connection);
        query.Parameters.Add(new() { Value = id });
        var counts = new Dictionary<string, long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}
