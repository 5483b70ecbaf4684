namespace Workflows.Benchmarks.Peers;

/// <summary>The one JSON line a Node peer prints (benchmarks/peers/driver.js): its rates, and per instance its latencies in ms.</summary>
internal sealed record PeerRun(
    string Peer,
    string Mode,
    bool Finished,
    int Accepted,
    int Failed,
    int Completed,
    double AcceptedPerSecond,
    double Seconds,
    double InstancesPerSecond,
    double NodeCpuMs,
    double? ServerCpuMs,
    double[] FirstStepMs,
    double[] CompleteMs)
{
    /// <summary>The peer's CPU time besides PostgreSQL's: its Node process, and Restate's server.</summary>
    public double OwnCpuMs => NodeCpuMs + (ServerCpuMs ?? 0);
}
