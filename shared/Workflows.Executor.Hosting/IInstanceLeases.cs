namespace Workflows.Executor.Hosting;

/// <summary>
/// One Executor at a time per instance: a lease row that can be taken only when it is free, expired, or already ours.
/// A duplicate ExecuteInstance (redelivery, reconciler) finds the lease taken and steps aside.
/// </summary>
public interface IInstanceLeases
{
    /// <summary>This process's identity in the lease table.</summary>
    string Owner { get; }

    /// <returns>True when this process now holds the lease for <paramref name="duration"/>.</returns>
    Task<bool> TryAcquireAsync(string instanceId, TimeSpan duration, CancellationToken ct);

    Task RenewAsync(string instanceId, TimeSpan duration, CancellationToken ct);

    Task ReleaseAsync(string instanceId, CancellationToken ct);

    /// <summary>A process identity: machine, process id and a random part (a restarted process is a new owner).</summary>
    static string NewOwner() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}
