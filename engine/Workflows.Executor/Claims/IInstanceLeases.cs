namespace Workflows.Executor.Claims;

/// <summary>
/// One run at a time per instance: a lease row that can be taken only when it is free, expired, or held for an older
/// generation (a restarted instance). Each run gets its own owner token, so a second delivery of the same ExecuteInstance
/// (redelivery, reconciler), even to the same process, finds the lease taken and steps aside.
/// </summary>
public interface IInstanceLeases
{
    /// <returns>The owner token of the new lease, or null when another run holds it.</returns>
    Task<string?> TryAcquireAsync(string instanceId, long generation, TimeSpan duration, CancellationToken ct);

    Task RenewAsync(string instanceId, string owner, TimeSpan duration, CancellationToken ct);

    Task ReleaseAsync(string instanceId, string owner, CancellationToken ct);

    /// <summary>A run's identity: machine, process id and a random part.</summary>
    static string NewOwner() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}
