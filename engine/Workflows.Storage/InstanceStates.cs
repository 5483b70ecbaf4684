using Workflows.Contracts;

namespace Workflows.Storage;

/// <summary>
/// The saga's state names, as <see cref="WorkflowInstance.CurrentState"/> holds them: the Orchestrator's state machine
/// declares exactly these states (a test holds it to that), and the Api, the Executor and the Events part read them.
/// </summary>
public static class InstanceStates
{
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Waiting = "Waiting";
    public const string Paused = "Paused";
    public const string WaitingForPause = "WaitingForPause";
    public const string Complete = "Complete";
    public const string Errored = "Errored";
    public const string Terminated = "Terminated";

    /// <summary>Every state, in the order of <see cref="InstanceStatuses.All"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Waiting, Paused, WaitingForPause, Complete, Errored, Terminated];

    /// <summary>The states that hold a slot of a concurrency limit: a run is dispatched or in flight (docs/flow-control.md).</summary>
    public static IReadOnlyList<string> HoldingSlot { get; } = [Running, WaitingForPause];

    /// <summary>Whether an instance in <paramref name="state"/> has ended: nothing changes it afterwards but a restart.</summary>
    public static bool HasEnded(string? state) => state is Complete or Errored or Terminated;

    /// <summary>The status clients see for a state (<c>WaitingForPause</c> → <c>waitingForPause</c>); <c>unknown</c> for anything else.</summary>
    public static string StatusOf(string? state) => state switch
    {
        Queued => InstanceStatuses.Queued,
        Running => InstanceStatuses.Running,
        Waiting => InstanceStatuses.Waiting,
        Paused => InstanceStatuses.Paused,
        WaitingForPause => InstanceStatuses.WaitingForPause,
        Complete => InstanceStatuses.Complete,
        Errored => InstanceStatuses.Errored,
        Terminated => InstanceStatuses.Terminated,
        _ => InstanceStatuses.Unknown,
    };

    /// <summary>The state of a status (<c>waitingForPause</c> → <c>WaitingForPause</c>); null when it is not one of <see cref="InstanceStatuses.All"/>.</summary>
    public static string? FromStatus(string? status) => All.FirstOrDefault(state => StatusOf(state) == status);
}
