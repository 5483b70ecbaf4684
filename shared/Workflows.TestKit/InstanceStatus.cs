namespace Workflows.TestKit;

/// <summary>Where a test instance stands between calls (the names of the public status API).</summary>
public enum InstanceStatus
{
    /// <summary>Waiting for an event (time stands still until you send it or advance the clock).</summary>
    Waiting,

    /// <summary>Paused with <see cref="WorkflowTestInstance.PauseAsync"/>.</summary>
    Paused,

    /// <summary>Finished; see <see cref="WorkflowTestInstance.OutputJson"/>.</summary>
    Complete,

    /// <summary>Failed; see <see cref="WorkflowTestInstance.Error"/>.</summary>
    Errored,

    /// <summary>Ended with <see cref="WorkflowTestInstance.TerminateAsync"/>.</summary>
    Terminated,
}
