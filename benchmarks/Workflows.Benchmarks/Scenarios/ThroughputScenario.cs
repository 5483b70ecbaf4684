using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;
using Workflows.Runtime;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Saturation: N instances of <c>long { steps: 3 }</c> created as fast as the batch endpoint accepts them; instances/s
/// and steps/s from the first create to the last completion (<c>max(ended_at)</c>), and the acceptance rate; and
/// where the CPU went: milliseconds of CPU per instance for each service, PostgreSQL, RabbitMQ and this driver.
/// </summary>
internal sealed class ThroughputScenario : IScenario
{
    public const string Prefix = "tp-";

    public string Name => "throughput";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(3));

    /// <summary>Instances created; the peers run the same count.</summary>
    public static int Count(BenchmarkOptions options) => options.Size(10_000, 1_000);

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var count = Count(context.Options);
        var items = Enumerable.Range(0, count).Select(i => ($"{Prefix}{i:D6}", (object?)new { steps = 3 })).ToList();

        var cpuBefore = CpuAccount.Read(engine.ProcessIds);
        Progress.Write($"  creating {count:N0} × long {{ steps: 3 }} (batches of 100, 4 concurrent)");
        var creation = await engine.CreateInBatchesAsync("long", items, concurrency: 4, ct);
        result.Add("instances accepted", creation.Accepted, "");
        result.Add("creation acceptance rate", creation.AcceptedPerSecond, "instances/s");
        result.Notes.AddRange(creation.Errors.Select(e => "create failed: " + e));

        var counts = await engine.WaitForAsync(Prefix, c => c.Finished >= creation.Accepted, context.Deadline, "throughput", ct);
        var end = counts.LastEndedAt ?? DateTime.UtcNow;
        var seconds = (end - creation.FirstSentAt).TotalSeconds;
        var steps = await engine.ReadValuesAsync(
            $"SELECT count(*) FROM workflows.steps WHERE instance_id LIKE @prefix AND kind = '{nameof(StepKind.Do)}' AND status = '{nameof(StepStatus.Complete)}'", Prefix, ct);

        result.Add("instances complete", counts.Complete, "");
        if (counts.Failed > 0) result.Add("instances errored", counts.Failed, "");
        result.Add("first create → last completion", seconds, "s");
        result.Add("instances/s", counts.Complete / seconds, "1/s");
        result.Add("steps/s", steps[0] / seconds, "1/s");
        foreach (var (part, cpu) in CpuAccount.Read(engine.ProcessIds).Since(cpuBefore))
            result.Add($"CPU per instance, {part}", cpu.TotalMilliseconds / Math.Max(1, counts.Complete), "ms");
        result.Completed = counts.Finished >= creation.Accepted && creation.Rejected == 0;
    }
}
