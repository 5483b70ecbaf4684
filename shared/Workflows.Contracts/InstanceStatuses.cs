namespace Workflows.Contracts;

/// <summary>
/// An instance's status as clients see it: in the HTTP API, in <see cref="InstanceProgress"/> and in the replies to
/// lifecycle commands. Each is the Orchestrator's saga state name in camelCase. Part of the wire contract, like the records.
/// </summary>
public static class InstanceStatuses
{
    /// <summary>Created, waiting for a slot of its workflow's concurrency limit (docs/flow-control.md); holds no slot.</summary>
    public const string Queued = "queued";

    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Paused = "paused";
    public const string WaitingForPause = "waitingForPause";
    public const string Complete = "complete";
    public const string Errored = "errored";
    public const string Terminated = "terminated";

    /// <summary>No instance has the id, or its state is none of the above.</summary>
    public const string Unknown = "unknown";

    /// <summary>Every status an instance can be in (a list can be filtered by these), in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Waiting, Paused, WaitingForPause, Complete, Errored, Terminated];
}
