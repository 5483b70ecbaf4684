using Workflows.Benchmarks.Peers;
using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The durable-execution engines users weigh against ours, on this machine in this run: DBOS Transact (queue mode, the
/// worker-pulls model like ours, and direct mode) on its own database of the same PostgreSQL, and Restate (its server
/// started by the peer's script on its own data dir). Each runs the same 3-step workflow for the same count as our
/// throughput scenario, then at our latency scenario's rate and count; each figure is also given as ours ÷ theirs.
/// </summary>
internal sealed class EnginePeerScenario : IScenario
{
    public string Name => "engines";

    public bool NeedsEngine => false;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var dbos = NodePeer.Named("dbos");
        var restate = NodePeer.Named("restate");
        (string Label, NodePeer Peer, string? Mode)[] peers = [("DBOS queue", dbos, "queue"), ("DBOS direct", dbos, "direct"), ("Restate", restate, null)];
        var count = ThroughputScenario.Count(context.Options);
        var (rate, latencyCount) = LatencyScenario.Load(context);
        var oursPerSecond = context.EarlierMetric("throughput", "instances/s");
        var oursFirstStep = context.EarlierMetric("latency", "create → first step p99");
        var oursComplete = context.EarlierMetric("latency", "create → complete p99");
        result.Notes.Add("peer completion is its workflow's last step returning (before its final status write); ours is the saga's ended_at");

        var completed = true;
        foreach (var (label, peer, mode) in peers)
        {
            Progress.Write($"  {label}: {count:N0} instances as fast as it accepts them");
            var throughput = await RunAsync(peer, "throughput", count, 0, mode, ct);
            result.Add($"{label}: instances/s", throughput.Run.InstancesPerSecond, "1/s");
            result.Add($"{label}: ours ÷ this, instances/s", Ratio(oursPerSecond, throughput.Run.InstancesPerSecond), "×");
            result.Add($"{label}: CPU per instance (incl. PostgreSQL)", throughput.CpuMsPerInstance, "ms");

            Progress.Write($"  {label}: {latencyCount:N0} instances at {rate:N0}/s");
            var latency = await RunAsync(peer, "latency", latencyCount, rate, mode, ct);
            var firstStep = Distribution.Of(latency.Run.FirstStepMs);
            var complete = Distribution.Of(latency.Run.CompleteMs);
            result.Add($"{label}: create → first step p50", firstStep.P50, "ms");
            result.Add($"{label}: create → first step p99", firstStep.P99, "ms");
            result.Add($"{label}: create → complete p99", complete.P99, "ms");
            result.Add($"{label}: ours ÷ this, first step p99", Ratio(oursFirstStep, firstStep.P99), "×");
            result.Add($"{label}: ours ÷ this, complete p99", Ratio(oursComplete, complete.P99), "×");
            completed &= throughput.Run is { Finished: true, Failed: 0 } && latency.Run is { Finished: true, Failed: 0 };
        }
        result.Completed = completed;
    }

    private static double Ratio(double? ours, double theirs) => ours is { } o && theirs > 0 ? o / theirs : double.NaN;

    /// <summary>One peer run on a fresh database (DBOS keeps its state there; Restate ignores it), with PostgreSQL's CPU counted in.</summary>
    private static async Task<(PeerRun Run, double CpuMsPerInstance)> RunAsync(NodePeer peer, string scenario, int count, double rate, string? mode, CancellationToken ct)
    {
        await using var database = await PeerDatabase.CreateAsync("peer", ct);
        var postmaster = await database.PostmasterAsync(ct);
        var before = CpuAccount.Read(new Dictionary<string, int>(), postmaster);
        var run = await peer.RunAsync(scenario, count, rate, mode, new Dictionary<string, string> { ["PEER_DATABASE_URL"] = database.Url }, ct);
        var postgres = CpuAccount.Read(new Dictionary<string, int>(), postmaster).Since(before).First(p => p.Part == "PostgreSQL").Cpu;
        return (run, (run.OwnCpuMs + postgres.TotalMilliseconds) / Math.Max(1, run.Completed));
    }
}
