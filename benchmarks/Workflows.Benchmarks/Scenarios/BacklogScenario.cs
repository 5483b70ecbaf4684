using Workflows.Benchmarks.Results;
using Workflows.Storage;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Flow control at scale (docs/flow-control.md): the creation rate and the dispatch latency of unlimited instances
/// (<c>long { steps: 3 }</c>, through the batch endpoint) without a backlog, then again once <c>limited</c> holds a backlog
/// of queued instances behind its two slots (100,000 in the full run).
/// </summary>
internal sealed class BacklogScenario : IScenario
{
    private const string BacklogPrefix = "blq-";

    public string Name => "backlog";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(4));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var probe = context.Options.Size(2_000, 300);
        var backlog = context.Options.Size(100_000, 3_000);

        var before = await ProbeAsync(context, result, "no backlog", "blp-a-", probe, ct);

        // Two instances that outlast the run take limited's two slots (one tenant each): everything after them queues.
        var holders = Enumerable.Range(0, 2).Select(i => ($"blh-{i}", (object?)new { tenant = $"holder-{i}", seconds = 1_200 })).ToList();
        await engine.CreateInBatchesAsync("limited", holders, concurrency: 1, ct);
        Progress.Write($"  queueing {backlog:N0} × limited behind its two slots");
        var items = Enumerable.Range(0, backlog).Select(i => ($"{BacklogPrefix}{i:D6}", (object?)new { tenant = $"t{i % 1_000}", seconds = 1 })).ToList();
        var queuing = await engine.CreateInBatchesAsync("limited", items, concurrency: 4, ct);
        result.Add("backlog creation (limited, queued)", queuing.AcceptedPerSecond, "creates/s");
        result.Notes.AddRange(queuing.Errors.Select(e => "backlog create failed: " + e));
        var queued = (await engine.ReadValuesAsync($"SELECT count(*) FROM workflows.instances WHERE instance_id LIKE @prefix AND current_state = '{InstanceStates.Queued}'",
            BacklogPrefix, ct)).Single();
        result.Add("queued during the second probe", queued, "instances");

        var after = await ProbeAsync(context, result, $"{queued:N0} queued", "blp-b-", probe, ct);
        result.Completed = before && after && queuing.Rejected == 0;
    }

    /// <summary>Creates <paramref name="count"/> × <c>long</c> in batches and reads how fast they were accepted and dispatched.</summary>
    private static async Task<bool> ProbeAsync(ScenarioContext context, ScenarioResult result, string label, string prefix, int count, CancellationToken ct)
    {
        var engine = context.Stack;
        Progress.Write($"  probe with {label}: {count:N0} × long");
        var items = Enumerable.Range(0, count).Select(i => ($"{prefix}{i:D6}", (object?)new { steps = 3 })).ToList();
        var creation = await engine.CreateInBatchesAsync("long", items, concurrency: 4, ct);
        result.Add($"creation, {label}", creation.AcceptedPerSecond, "creates/s");
        var counts = await engine.WaitForAsync(prefix, c => c.Finished >= creation.Accepted, context.Deadline, $"probe ({label})", ct);
        var firstStep = await engine.ReadValuesAsync("""
            SELECT EXTRACT(EPOCH FROM (SELECT min(s.started_at) FROM workflows.steps s WHERE s.instance_id = i.instance_id) - i.created_at) * 1000
            FROM workflows.instances i WHERE i.instance_id LIKE @prefix
            """, prefix, ct);
        var complete = await engine.ReadValuesAsync($"""
            SELECT EXTRACT(EPOCH FROM i.ended_at - i.created_at) * 1000
            FROM workflows.instances i WHERE i.instance_id LIKE @prefix AND i.current_state = '{InstanceStates.Complete}'
            """, prefix, ct);
        result.Add($"create → first step, {label}", Distribution.Of(firstStep));
        result.Add($"create → complete, {label}", Distribution.Of(complete));
        return creation.Rejected == 0 && counts.Finished >= creation.Accepted;
    }
}
