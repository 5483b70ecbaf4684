using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;
using Workflows.Storage;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Latency at half load: single creates of <c>long { steps: 3 }</c> at half the saturation the throughput scenario
/// measured (open loop: each create is sent at its time whatever the previous ones did), then, per instance,
/// create → first step start (<c>min(steps.started_at) − created_at</c>) and create → complete (<c>ended_at − created_at</c>).
/// </summary>
internal sealed class LatencyScenario : IScenario
{
    private const string Prefix = "lat-";

    public string Name => "latency";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(2));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var (rate, count) = Load(context);
        if (context.Options.LatencyRate is null && context.EarlierMetric("throughput", "instances/s") is null)
            result.Notes.Add($"throughput did not run: {rate:N0}/s assumed (set --latency-rate)");
        result.Add("offered rate", rate, "instances/s");

        Progress.Write($"  creating {count:N0} single instances at {rate:N0}/s");
        var (sent, failed, lateSends, requestMs) = await PacedCreation.SendAsync(engine.Api, "long", count, rate, i => ($"{Prefix}{i:D6}", new { steps = 3 }), ct);
        result.Add("instances accepted", sent, "");
        if (failed > 0) result.Add("creates failed", failed, "");
        if (lateSends > 0) result.Notes.Add($"{lateSends} creates left late: {PacedCreation.MaxInFlight} requests were in flight (the Api fell behind)");
        result.Add("HTTP create", Distribution.Of(requestMs), p95: false);

        var counts = await engine.WaitForAsync(Prefix, c => c.Finished >= sent, context.Deadline, "latency", ct);
        var firstStep = await engine.ReadValuesAsync("""
            SELECT EXTRACT(EPOCH FROM (SELECT min(s.started_at) FROM workflows.steps s WHERE s.instance_id = i.instance_id) - i.created_at) * 1000
            FROM workflows.instances i WHERE i.instance_id LIKE @prefix
            """, Prefix, ct);
        var complete = await engine.ReadValuesAsync($"""
            SELECT EXTRACT(EPOCH FROM i.ended_at - i.created_at) * 1000
            FROM workflows.instances i WHERE i.instance_id LIKE @prefix AND i.current_state = '{InstanceStates.Complete}'
            """, Prefix, ct);
        result.Add("create → first step", Distribution.Of(firstStep));
        result.Add("create → complete", Distribution.Of(complete));
        result.Completed = counts.Finished >= sent && failed == 0;
    }

    /// <summary>The offered rate (half the measured saturation, or --latency-rate) and the count it gives over the run; the peers get the same.</summary>
    public static (double Rate, int Count) Load(ScenarioContext context)
    {
        var saturation = context.EarlierMetric("throughput", "instances/s");
        var rate = context.Options.LatencyRate ?? (saturation is > 0 ? saturation.Value / 2 : context.Options.Size(250, 50));
        var duration = context.Options.Size(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5));
        return (rate, (int)Math.Max(1, rate * duration.TotalSeconds));
    }
}
