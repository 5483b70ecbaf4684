using Workflows.Benchmarks.Results;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Timer lateness: N instances of <c>sleepy</c> with a random sleep; for each wake-up, the <c>after</c> step's
/// <c>started_at</c> minus the sleep step's <c>wake_at</c> (the due time the executor persisted).
/// </summary>
internal sealed class TimerScenario : IScenario
{
    private const string Prefix = "tim-";

    public string Name => "timers";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(2));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var count = context.Options.Size(10_000, 500);
        var (shortest, longest) = context.Options.Quick ? (2, 5) : (5, 30);
        var random = new Random(42);
        var items = Enumerable.Range(0, count)
            .Select(i => ($"{Prefix}{i:D6}", (object?)new { seconds = random.Next(shortest, longest + 1) }))
            .ToList();

        Progress.Write($"  creating {count:N0} × sleepy, sleeps of {shortest}–{longest} s");
        var creation = await engine.CreateInBatchesAsync("sleepy", items, concurrency: 4, ct);
        result.Add("instances accepted", creation.Accepted, "");
        result.Notes.AddRange(creation.Errors.Select(e => "create failed: " + e));

        var counts = await engine.WaitForAsync(Prefix, c => c.Finished >= creation.Accepted, context.Deadline, "timers", ct);
        var lateness = await engine.ReadValuesAsync("""
            SELECT EXTRACT(EPOCH FROM a.started_at - s.wake_at) * 1000
            FROM workflows.steps s
            JOIN workflows.steps a ON a.instance_id = s.instance_id AND a.generation = s.generation AND a.name = 'after'
            WHERE s.instance_id LIKE @prefix AND s.kind = 'Sleep'
            """, Prefix, ct);
        result.Add("wake-ups measured", lateness.Count, "");
        result.Add("lateness", Distribution.Of(lateness), p95: false);
        if (lateness.Count > 0 && lateness.Min() < 0)
            result.Notes.Add($"an 'after' step started {-lateness.Min():N0} ms before its wake_at");
        result.Completed = counts.Finished >= creation.Accepted && lateness.Count == creation.Accepted;
    }
}
