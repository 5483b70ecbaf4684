namespace Workflows.Client.Observers;

/// <summary>Which lifecycle event an observer received.</summary>
public enum LifecycleEventKind
{
    /// <summary>The instance was created.</summary>
    Created,

    /// <summary>The instance began running.</summary>
    Started,

    /// <summary>The workflow reported progress (<c>step.ReportProgress</c>).</summary>
    Progress,

    /// <summary>The instance paused.</summary>
    Paused,

    /// <summary>The instance resumed.</summary>
    Resumed,

    /// <summary>The instance completed.</summary>
    Completed,

    /// <summary>The instance failed for good.</summary>
    Errored,

    /// <summary>The instance was terminated.</summary>
    Terminated,
}
