namespace Workflows.Benchmarks.Stack;

/// <summary>How a run of batch creates went: the acceptance rate is <see cref="Accepted"/> over <see cref="Elapsed"/>.</summary>
internal sealed record BatchCreation(int Accepted, int Rejected, DateTime FirstSentAt, TimeSpan Elapsed, IReadOnlyList<string> Errors)
{
    public double AcceptedPerSecond => Accepted / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
