namespace Workflows.Contracts;

/// <summary>The receive queues messages are sent to: part of the wire contract, like the records (non-.NET clients need them too).</summary>
public static class QueueNames
{
    /// <summary>The Orchestrator's instance creator: <see cref="CreateInstances"/>.</summary>
    public const string CreateInstances = "create-instances";

    /// <summary>The Orchestrator's admission of queued instances: <see cref="AdmitQueuedInstances"/>.</summary>
    public const string AdmitInstances = "admit-instances";

    /// <summary>
    /// Where every refused <see cref="StartWorkflowInstance"/> goes, as <see cref="StartWorkflowInstanceRejected"/> (no consumer:
    /// an operator reads or moves it); declared by the Orchestrator.
    /// </summary>
    public const string StartRejected = "start-workflow-instance-rejected";

    /// <summary>The Orchestrator's saga: the Executors' outcomes and <see cref="EventAvailable"/> (bound by publish).</summary>
    public const string WorkflowInstance = "workflow-instance";

    /// <summary>
    /// The same saga's queue of what someone is waiting on now: lifecycle commands (pause, resume, terminate, restart),
    /// timer wake-ups (<see cref="WakeInstance"/>) and re-dispatches. The Orchestrator consumes it beside
    /// <see cref="WorkflowInstance"/>, so a command or a timer never waits behind a backlog of outcomes.
    /// </summary>
    public const string WorkflowInstancePrompt = "workflow-instance-prompt";

    /// <summary>The Executors' shared queue of bulk work: the <see cref="ExecuteInstance"/> of batch creates and of admitted queued instances.</summary>
    public const string ExecuteInstance = "execute-instance";

    /// <summary>
    /// The Executors' shared queue of work someone is waiting on now: the <see cref="ExecuteInstance"/> of single creates,
    /// starts by message, wake-ups, arrived events, resumes, restarts and re-dispatches. Executors consume it with run slots
    /// of its own (<c>Executor:PromptRuns</c>), so it never waits behind a backlog on <see cref="ExecuteInstance"/>.
    /// </summary>
    public const string ExecuteInstancePrompt = "execute-instance-prompt";

    /// <summary>The Events service: <see cref="SendEvent"/>.</summary>
    public const string SendEvent = "send-event";

    /// <summary>The Scheduler: MassTransit's ScheduleMessage / CancelScheduledMessage.</summary>
    public const string Scheduler = "scheduler";

    /// <summary>Schedules: <see cref="ScheduleChanged"/>, <see cref="TriggerSchedule"/> (the Scheduler, or the embedded engine).</summary>
    public const string Schedules = "schedules";

    /// <summary>The address form MassTransit's Send and request clients take.</summary>
    public static Uri Address(string queue) => new($"queue:{queue}");
}
