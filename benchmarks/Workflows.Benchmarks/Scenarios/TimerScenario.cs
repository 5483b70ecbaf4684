using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Timer lateness: instances of <c>sleepy</c> with a random sleep; for each wake-up, the <c>after</c> step's
/// <c>started_at</c> minus the sleep step's <c>wake_at</c> (the due time the executor persisted). First at half load
/// (single creates at the latency scenario's rate: the goal's condition), then in a burst (N created in batches as fast
/// as they are accepted, so the wake-ups fall due while the engine is saturated).
/// </summary>
internal sealed class TimerScenario : IScenario
{
    private const string PacedPrefix = "tip-";
    private const string BurstPrefix = "tim-";

    public string Name => "timers";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(3));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var (shortest, longest) = context.Options.Quick ? (2, 5) : (5, 30);
        var random = new Random(42);
        object Sleep() => new { seconds = random.Next(shortest, longest + 1) };

        var (rate, _) = LatencyScenario.Load(context);
        var pacedCount = (int)Math.Max(1, rate * context.Options.Size(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)).TotalSeconds);
        result.Add("offered rate", rate, "instances/s");
        Progress.Write($"  creating {pacedCount:N0} × sleepy at {rate:N0}/s, sleeps of {shortest}–{longest} s");
        var paced = await PacedCreation.SendAsync(engine.Api, "sleepy", pacedCount, rate, i => ($"{PacedPrefix}{i:D6}", Sleep()), ct);
        result.Add("instances accepted", paced.Accepted, "");
        if (paced.Failed > 0) result.Add("creates failed", paced.Failed, "");
        var pacedLateness = await LatenessAsync(engine, PacedPrefix, paced.Accepted, context, ct);
        result.Add("lateness", Distribution.Of(pacedLateness), p95: false);

        var count = context.Options.Size(10_000, 500);
        Progress.Write($"  creating {count:N0} × sleepy in batches as fast as they are accepted");
        var burst = await engine.CreateInBatchesAsync("sleepy", [.. Enumerable.Range(0, count).Select(i => ($"{BurstPrefix}{i:D6}", (object?)Sleep()))], concurrency: 4, ct);
        result.Add("burst instances accepted", burst.Accepted, "");
        result.Notes.AddRange(burst.Errors.Select(e => "create failed: " + e));
        var burstLateness = await LatenessAsync(engine, BurstPrefix, burst.Accepted, context, ct);
        result.Add("burst lateness", Distribution.Of(burstLateness), p95: false);

        foreach (var (what, lateness) in new[] { ("half load", pacedLateness), ("burst", burstLateness) })
            if (lateness.Count > 0 && lateness.Min() < 0)
                result.Notes.Add($"{what}: an 'after' step started {-lateness.Min():N0} ms before its wake_at");
        result.Completed = paced.Failed == 0 && pacedLateness.Count == paced.Accepted && burstLateness.Count == burst.Accepted;
    }

    /// <summary>Waits until the instances under <paramref name="prefix"/> have finished, then reads each wake-up's lateness in ms.</summary>
    private static async Task<List<double>> LatenessAsync(EngineStack engine, string prefix, int accepted, ScenarioContext context, CancellationToken ct)
    {
        await engine.WaitForAsync(prefix, c => c.Finished >= accepted, context.Deadline, "timers", ct);
        return await engine.ReadValuesAsync("""
            SELECT EXTRACT(EPOCH FROM a.started_at - s.wake_at) * 1000
            FROM workflows.steps s
            JOIN workflows.steps a ON a.instance_id = s.instance_id AND a.generation = s.generation AND a.name = 'after'
            WHERE s.instance_id LIKE @prefix AND s.kind = 'Sleep'
            """, prefix, ct);
    }
}
