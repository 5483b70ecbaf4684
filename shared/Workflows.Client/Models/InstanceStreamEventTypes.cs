namespace Workflows.Client.Models;

/// <summary>The <see cref="InstanceStreamEvent.Type"/> values, in the order an instance meets them.</summary>
public static class InstanceStreamEventTypes
{
    /// <summary>The instance was created (queued or about to start).</summary>
    public const string Created = "created";
    /// <summary>The instance began running (its first run, or again after a restart).</summary>
    public const string Started = "started";
    /// <summary>A step's attempt began.</summary>
    public const string StepStarted = "stepStarted";
    /// <summary>A step's attempt succeeded; <c>Data</c> is its output.</summary>
    public const string StepCompleted = "stepCompleted";
    /// <summary>A step's attempt failed; <c>Data</c> is the error <c>{ name, message }</c>.</summary>
    public const string StepErrored = "stepErrored";
    /// <summary>A sleep began.</summary>
    public const string SleepStarted = "sleepStarted";
    /// <summary>A sleep ended.</summary>
    public const string SleepCompleted = "sleepCompleted";
    /// <summary>A wait for an event began.</summary>
    public const string WaitStarted = "waitStarted";
    /// <summary>A wait for an event received it; <c>Data</c> is the event.</summary>
    public const string WaitCompleted = "waitCompleted";
    /// <summary>A wait for an event timed out.</summary>
    public const string WaitTimedOut = "waitTimedOut";
    /// <summary>The workflow reported progress; <c>Data</c> is its payload.</summary>
    public const string Progress = "progress";
    /// <summary>The instance paused.</summary>
    public const string Paused = "paused";
    /// <summary>The instance resumed.</summary>
    public const string Resumed = "resumed";
    /// <summary>The instance was terminated (final).</summary>
    public const string Terminated = "terminated";
    /// <summary>The instance completed; <c>Data</c> is its output (final).</summary>
    public const string Complete = "complete";
    /// <summary>The instance failed for good; <c>Data</c> is the error (final).</summary>
    public const string Errored = "errored";
}
