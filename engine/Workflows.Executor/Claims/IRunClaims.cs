using Workflows.Runtime;

namespace Workflows.Executor.Claims;

/// <summary>What a run starts from: its lease, the instance's saga state and the generation's step history.</summary>
/// <param name="Owner">The lease's owner token (release it when the run ends).</param>
/// <param name="State">The saga state: <c>Running</c> (run it) or <c>WaitingForPause</c> (report the pause).</param>
/// <param name="History">The step records of the generation.</param>
public sealed record RunClaim(string Owner, string State, IReadOnlyList<StepRecord> History);

/// <summary>The start of every run: take the instance's lease, check the delivery is current, read the history.</summary>
public interface IRunClaims
{
    /// <returns>
    /// The claim; null when the delivery steps aside: another run holds the lease, or the delivery is stale (no such
    /// instance, another generation, or a state that runs nothing). A stale delivery leaves no lease behind.
    /// </returns>
    Task<RunClaim?> TryClaimAsync(string instanceId, long generation, TimeSpan leaseDuration, CancellationToken ct);
}
