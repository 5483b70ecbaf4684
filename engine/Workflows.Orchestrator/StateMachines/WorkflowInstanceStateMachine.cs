using MassTransit;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Orchestrator.Admission;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Orchestrator.Outbox;
using Workflows.Storage.Schedules;

namespace Workflows.Orchestrator.StateMachines;

/// <summary>
/// The lifecycle of one workflow instance; the single writer of its status. Instances are inserted already
/// <c>Running</c> (or <c>Queued</c>, under a concurrency limit) by <see cref="Consumers.CreateInstancesConsumer"/> (creation
/// is batched in one transaction); <see cref="InstanceAdmitter"/> moves <c>Queued</c> to <c>Running</c> under its lock, so
/// the slot count and the state never disagree; every other transition happens here. Lifecycle events
/// (<c>InstanceCompleted</c>, <c>InstanceProgress</c>, …) are recorded in the instance's event log in the saga's own
/// transaction and published by the <see cref="OutboxRelay"/>.
/// </summary>
public sealed class WorkflowInstanceStateMachine : MassTransitStateMachine<WorkflowInstance>
{
    public WorkflowInstanceStateMachine(IOptions<OrchestratorOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        InstanceState(x => x.CurrentState);

        Event(() => Completed, Correlate<ExecutionCompleted>(m => m.InstanceId));
        Event(() => Suspended, Correlate<ExecutionSuspended>(m => m.InstanceId));
        Event(() => Failed, Correlate<ExecutionFailed>(m => m.InstanceId));
        Event(() => RolledBack, Correlate<ExecutionRolledBack>(m => m.InstanceId));
        Event(() => RunPaused, Correlate<ExecutionPaused>(m => m.InstanceId));
        Event(() => Redispatch, Correlate<RedispatchInstance>(m => m.InstanceId));
        Event(() => EventArrived, Correlate<EventAvailable>(m => m.InstanceId));
        Event(() => Pause, CorrelateCommand<PauseInstance>(m => m.InstanceId));
        Event(() => Resume, CorrelateCommand<ResumeInstance>(m => m.InstanceId));
        Event(() => Terminate, CorrelateCommand<TerminateInstance>(m => m.InstanceId));
        Event(() => Restart, CorrelateCommand<RestartInstance>(m => m.InstanceId));
        Schedule(() => WakeUp, x => x.WakeTokenId, s =>
        {
            s.Received = r => r.CorrelateById(c => InstanceIds.Correlation(c.Message.InstanceId));
        });

        // Every way out of a slot-holding state asks for admission of the queued ones (docs/flow-control.md).
        ConnectStateObserver(new AdmissionStateObserver());

        // Outcomes of superseded runs, wake-ups after a transition, events nobody waits for: nothing to do.
        OnUnhandledEvent(x => x.Ignore());

        // A run that ends ends the instance, whether or not a pause was asked for meanwhile.
        During(Running, WaitingForPause,
            When(Completed, IsCurrent).Then(c => Finish(c.Saga, time, settings, output: c.Message.OutputJson))
                .TransitionTo(Complete)
                .Record(c => new InstanceCompleted(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, c.Message.OutputJson, time.GetUtcNow()))
                .If(c => c.Saga.ParentInstanceId is not null, tell => tell.Send(EventsQueue, c => ToParent(c.Saga, time))),
            When(Failed, IsCurrent).Then(c =>
                {
                    Finish(c.Saga, time, settings, error: (c.Message.ErrorName, c.Message.ErrorMessage));
                    c.Saga.RollbackOutcome = c.Message.RollbackOutcome;
                    c.Saga.RollbackErrorName = c.Message.RollbackErrorName;
                    c.Saga.RollbackErrorMessage = c.Message.RollbackErrorMessage;
                })
                .TransitionTo(Errored)
                .Record(c => new InstanceErrored(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, c.Message.ErrorName, c.Message.ErrorMessage, time.GetUtcNow()))
                .If(c => c.Saga.ParentInstanceId is not null, tell => tell.Send(EventsQueue, c => ToParent(c.Saga, time))),
            // The run may have checked the inbox before this event arrived: run once more after it suspends.
            When(EventArrived).Then(c => c.Saga.EventPending = true));

        During(Running,
            When(Suspended, IsCurrent)
                .IfElse(c => c.Saga.EventPending || (c.Message.WakeAt is { } at && at <= time.GetUtcNow()),
                    due => due.Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga)),
                    later => later
                        .Then(c =>
                        {
                            c.Saga.WakeAt = c.Message.WakeAt;
                            c.Saga.AwaitedEventTypes = [.. c.Message.AwaitedEventTypes];
                            // Past this, the reconciler wakes the instance even if the timer never fires.
                            c.Saga.DispatchDeadline = c.Message.WakeAt + settings.WakeGrace;
                        })
                        .If(c => c.Message.WakeAt is not null, s => s.ThenAsync(c => ScheduleWakeUpAsync(c, c.Message.WakeAt!.Value)))
                        .TransitionTo(Waiting)
                        .Record(c => Progress(c.Saga, InstanceStatuses.Waiting, time))),
            // A pause asked for while the run was in flight, then resumed before it stopped: run again.
            When(RunPaused, IsCurrent).Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga)),
            When(Redispatch, c => c.Message.Generation == c.Saga.Generation && c.Saga.DispatchDeadline <= time.GetUtcNow())
                .Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga)),
            // Terminated with rollback: the rollback run is done, the instance ends terminated (InstanceTerminated went out at the request).
            When(RolledBack, c => c.Message.Generation == c.Saga.Generation && c.Saga.RollingBack && IsLatest(c.Saga, c.Message.Dispatch))
                .Then(c =>
                {
                    Finish(c.Saga, time, settings);
                    c.Saga.RollbackOutcome = c.Message.Outcome;
                    c.Saga.RollbackErrorName = c.Message.ErrorName;
                    c.Saga.RollbackErrorMessage = c.Message.ErrorMessage;
                })
                .TransitionTo(Terminated),
            When(Pause, c => c.Saga.RollingBack).Respond(c => Rejected(c, InstanceStatuses.Running, "the instance is being terminated with rollback")),
            When(Pause, c => !c.Saga.RollingBack).TransitionTo(WaitingForPause)
                .Publish(c => new InstancePauseRequested(c.Saga.InstanceId, c.Saga.Generation))
                .Record(c => Progress(c.Saga, InstanceStatuses.WaitingForPause, time))
                .Respond(c => Accepted(c, InstanceStatuses.WaitingForPause)),
            When(Resume).Respond(c => Rejected(c, InstanceStatuses.Running, "the instance is running, not paused")));

        During(Waiting,
            When(WakeUp!.Received, c => c.Message.Generation == c.Saga.Generation)
                .Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga))
                .TransitionTo(Running).Record(c => Progress(c.Saga, InstanceStatuses.Running, time)),
            // The timer is overdue by more than the grace (its schedule was lost or the Scheduler is far behind).
            When(Redispatch, c => c.Message.Generation == c.Saga.Generation && c.Saga.DispatchDeadline <= time.GetUtcNow())
                .Unschedule(WakeUp)
                .Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga))
                .TransitionTo(Running).Record(c => Progress(c.Saga, InstanceStatuses.Running, time)),
            When(EventArrived, c => c.Saga.AwaitedEventTypes.Contains(c.Message.Type))
                .Unschedule(WakeUp)
                .Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga))
                .TransitionTo(Running).Record(c => Progress(c.Saga, InstanceStatuses.Running, time)),
            When(Pause).Unschedule(WakeUp).Then(c => c.Saga.DispatchDeadline = null).TransitionTo(Paused)
                .Record(c => new InstancePaused(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .Respond(c => Accepted(c, InstanceStatuses.Paused)),
            When(Resume).Respond(c => Rejected(c, InstanceStatuses.Waiting, "the instance is waiting, not paused")));

        During(WaitingForPause,
            When(RunPaused, IsCurrent).Then(c => c.Saga.DispatchDeadline = null).TransitionTo(Paused)
                .Record(c => new InstancePaused(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow())),
            // The run reached a wait before the next step boundary: it has stopped, so the pause holds.
            When(Suspended, IsCurrent).Then(c => c.Saga.DispatchDeadline = null).TransitionTo(Paused)
                .Record(c => new InstancePaused(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow())),
            When(Redispatch, c => c.Message.Generation == c.Saga.Generation && c.Saga.DispatchDeadline <= time.GetUtcNow())
                .Then(c => c.Saga.DispatchDeadline = null).TransitionTo(Paused)
                .Record(c => new InstancePaused(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow())),
            When(Pause).Respond(c => Accepted(c, InstanceStatuses.WaitingForPause)),
            When(Resume).TransitionTo(Running)
                .Record(c => new InstanceResumed(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .Respond(c => Accepted(c, InstanceStatuses.Running)));

        // Queued: nothing runs and no slot is held; admission moves it on. Events sent meanwhile wait in its inbox.
        During(Queued,
            When(Pause).TransitionTo(Paused)
                .Record(c => new InstancePaused(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .Respond(c => Accepted(c, InstanceStatuses.Paused)),
            When(Resume).Respond(c => Rejected(c, InstanceStatuses.Queued, "the instance is queued, not paused")));

        During(Paused,
            When(Pause).Respond(c => Accepted(c, InstanceStatuses.Paused)),
            // Paused while queued, it never started: it queues again, behind no one it was ahead of.
            When(Resume, c => c.Saga.StartedAt is null).TransitionTo(Queued)
                .Record(c => new InstanceResumed(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .Respond(c => Accepted(c, InstanceStatuses.Queued)),
            When(Resume, c => c.Saga.StartedAt is not null).Then(c => Dispatch(c, settings, time)).Send(ExecutorQueue, c => Execute(c.Saga))
                .TransitionTo(Running)
                .Record(c => new InstanceResumed(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .Respond(c => Accepted(c, InstanceStatuses.Running)));

        During(new[] { Queued, Running, Waiting, WaitingForPause, Paused },
            When(Terminate, c => !c.Message.Rollback || c.Saga.RollingBack).Unschedule(WakeUp)
                .Then(c => Finish(c.Saga, time, settings))
                .TransitionTo(Terminated)
                .Record(c => new InstanceTerminated(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .If(c => c.Saga.ParentInstanceId is not null, tell => tell.Send(EventsQueue, c => ToParent(c.Saga, time)))
                .Respond(c => Accepted(c, InstanceStatuses.Terminated)),
            // The run in flight is cancelled (InstanceTerminated; executors spare rollback runs) and a rollback run is dispatched.
            When(Terminate, c => c.Message.Rollback && !c.Saga.RollingBack).Unschedule(WakeUp)
                .Then(c =>
                {
                    c.Saga.RollingBack = true;
                    Dispatch(c, settings, time);
                })
                .Send(ExecutorQueue, c => Execute(c.Saga))
                .TransitionTo(Running)
                .Record(c => new InstanceTerminated(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                .If(c => c.Saga.ParentInstanceId is not null, tell => tell.Send(EventsQueue, c => ToParent(c.Saga, time)))
                .Respond(c => Accepted(c, InstanceStatuses.Terminated)));

        During(Complete, Errored, Terminated,
            When(Pause).Respond(c => Rejected(c, InstanceStates.StatusOf(c.Saga.CurrentState), "the instance has finished")),
            When(Resume).Respond(c => Rejected(c, InstanceStates.StatusOf(c.Saga.CurrentState), "the instance has finished")),
            When(Terminate).Respond(c => Rejected(c, InstanceStates.StatusOf(c.Saga.CurrentState), "the instance has finished")));

        DuringAny(
            When(Restart).IfElseAsync(
                c => c.GetServiceOrCreateInstance<HistoryRestarter>().HasStepAsync(c.Saga, c.Message, c.CancellationToken),
                restart => restart.Unschedule(WakeUp)
                    .ThenAsync(async c =>
                    {
                        var next = c.Saga.Generation + 1;
                        await c.GetServiceOrCreateInstance<HistoryRestarter>().CarryOverAsync(c.Saga, c.Message, next, c.CancellationToken);
                        c.Saga.Generation = next;
                        c.Saga.OutputJson = null;
                        c.Saga.ErrorName = null;
                        c.Saga.ErrorMessage = null;
                        c.Saga.RollingBack = false;
                        c.Saga.RollbackOutcome = null;
                        c.Saga.RollbackErrorName = null;
                        c.Saga.RollbackErrorMessage = null;
                        c.Saga.EndedAt = null;
                        c.Saga.RetainUntil = null;
                    })
                    // Under a limit a restart is a new start: it queues (and is admitted at once when there is room).
                    .IfElse(c => c.Saga.FlowControlled,
                        queue => queue.Then(c =>
                            {
                                c.Saga.StartedAt = null;
                                c.Saga.DispatchDeadline = null;
                                c.Saga.WakeAt = null;
                                c.Saga.AwaitedEventTypes = [];
                            })
                            .TransitionTo(Queued)
                            .Publish(c => new InstanceRestarted(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                            .Respond(c => Accepted(c, InstanceStatuses.Queued)),
                        run => run.Then(c => Dispatch(c, settings, time))
                            .Send(ExecutorQueue, c => Execute(c.Saga))
                            .TransitionTo(Running)
                            .ThenAsync(c => LifecycleOutbox.AddAsync(c, LifecycleOutbox.Restarted(c.Saga, time.GetUtcNow())))
                            .Publish(c => new InstanceRestarted(c.Saga.InstanceId, c.Saga.Workflow, c.Saga.Generation, time.GetUtcNow()))
                            .Respond(c => Accepted(c, InstanceStatuses.Running))),
                unknownStep => unknownStep.Respond(c => Rejected(c, InstanceStates.StatusOf(c.Saga.CurrentState),
                    $"no step '{c.Message.FromStep}' (occurrence {c.Message.FromCount ?? 1}) in the instance's history", RejectionCodes.UnknownStep))));
    }

    public State Queued { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Waiting { get; private set; } = null!;
    public State WaitingForPause { get; private set; } = null!;
    public State Paused { get; private set; } = null!;
    public State Complete { get; private set; } = null!;
    public State Errored { get; private set; } = null!;
    public State Terminated { get; private set; } = null!;

    public Event<ExecutionCompleted> Completed { get; private set; } = null!;
    public Event<ExecutionSuspended> Suspended { get; private set; } = null!;
    public Event<ExecutionFailed> Failed { get; private set; } = null!;
    public Event<ExecutionRolledBack> RolledBack { get; private set; } = null!;
    public Event<ExecutionPaused> RunPaused { get; private set; } = null!;
    public Event<RedispatchInstance> Redispatch { get; private set; } = null!;
    public Event<EventAvailable> EventArrived { get; private set; } = null!;
    public Event<PauseInstance> Pause { get; private set; } = null!;
    public Event<ResumeInstance> Resume { get; private set; } = null!;
    public Event<TerminateInstance> Terminate { get; private set; } = null!;
    public Event<RestartInstance> Restart { get; private set; } = null!;
    public Schedule<WorkflowInstance, WakeInstance> WakeUp { get; private set; } = null!;

    // Every run the saga dispatches is one someone waits on (a wake-up, an event, a resume, a restart, a re-dispatch).
    private static readonly Uri ExecutorQueue = QueueNames.Address(QueueNames.ExecuteInstancePrompt);
    private static readonly Uri PromptQueue = QueueNames.Address(QueueNames.WorkflowInstancePrompt);
    private static readonly Uri EventsQueue = QueueNames.Address(QueueNames.SendEvent);

    /// <summary>
    /// Whether an Executor's outcome is news. Completion and failure of the current generation are final whichever run
    /// reports them (replay is deterministic). A suspension or pause must come from the latest dispatch: a run that was
    /// superseded (re-dispatched past its deadline) may report a wait that the newer run has already got past.
    /// </summary>
    private static bool IsCurrent<T>(BehaviorContext<WorkflowInstance, T> c) where T : class =>
        c.Message switch
        {
            // A rolling-back instance ends only by its rollback run; the run it cancelled may still report.
            ExecutionCompleted m => m.Generation == c.Saga.Generation && !c.Saga.RollingBack,
            ExecutionFailed m => m.Generation == c.Saga.Generation && !c.Saga.RollingBack,
            ExecutionSuspended m => m.Generation == c.Saga.Generation && IsLatest(c.Saga, m.Dispatch),
            ExecutionPaused m => m.Generation == c.Saga.Generation && IsLatest(c.Saga, m.Dispatch),
            _ => false,
        };

    private static bool IsLatest(WorkflowInstance saga, long dispatch) => dispatch == 0 || dispatch == saga.Dispatch;

    private static Action<IEventCorrelationConfigurator<WorkflowInstance, T>> Correlate<T>(Func<T, string> id) where T : class =>
        x =>
        {
            x.CorrelateById(c => InstanceIds.Correlation(id(c.Message)));
            x.OnMissingInstance(m => m.Discard());
        };

    private static Action<IEventCorrelationConfigurator<WorkflowInstance, T>> CorrelateCommand<T>(Func<T, string> id) where T : class =>
        x =>
        {
            x.CorrelateById(c => InstanceIds.Correlation(id(c.Message)));
            x.OnMissingInstance(m => m.ExecuteAsync(c => c.RespondAsync(new InstanceCommandRejected(id(c.Message), InstanceStatuses.Unknown, "no instance has this id"))));
        };

    private static void Dispatch<T>(BehaviorContext<WorkflowInstance, T> c, OrchestratorOptions settings, TimeProvider time) where T : class
    {
        c.Saga.Dispatch++;
        c.Saga.DispatchDeadline = time.GetUtcNow() + settings.RunDeadline;
        c.Saga.EventPending = false;
        c.Saga.WakeAt = null;
        c.Saga.AwaitedEventTypes = [];
    }

    /// <summary>
    /// The <see cref="WakeUp"/> schedule, sent to the saga's prompt queue: MassTransit's <c>Schedule</c> would send the
    /// wake-up to the queue the suspension came in on, behind every outcome queued there.
    /// </summary>
    private static async Task ScheduleWakeUpAsync(BehaviorContext<WorkflowInstance, ExecutionSuspended> c, DateTimeOffset at)
    {
        var scheduler = c.GetPayload<MessageSchedulerContext>();
        var previous = c.Saga.WakeTokenId;
        var scheduled = await scheduler.ScheduleSend(PromptQueue, at.UtcDateTime, new WakeInstance(c.Saga.InstanceId, c.Saga.Generation), c.CancellationToken);
        c.Saga.WakeTokenId = scheduled.TokenId;
        if (previous is { } token && token != scheduled.TokenId)
            await scheduler.CancelScheduledSend(PromptQueue, token, c.CancellationToken);
    }

    private static ExecuteInstance Execute(WorkflowInstance saga) =>
        new(saga.InstanceId, saga.Workflow, saga.Generation, saga.ParamsJson, saga.CreatedAt, saga.Dispatch, saga.RollingBack, ScheduleFiringJson.Deserialize(saga.ScheduleJson), saga.TraceParent);

    /// <summary>A child's outcome, as the event its parent's <c>step.Invoke</c> waits for (one event id per child: a redelivery is a duplicate).</summary>
    private static SendEvent ToParent(WorkflowInstance saga, TimeProvider time)
    {
        var payload = saga.CurrentState switch
        {
            InstanceStates.Complete => ChildOutcome.PayloadJson(saga.OutputJson, null, null),
            InstanceStates.Errored => ChildOutcome.PayloadJson(null, saga.ErrorName, saga.ErrorMessage),
            _ => ChildOutcome.PayloadJson(null, RuntimeErrorNames.ChildTerminated, $"The child instance '{saga.InstanceId}' was terminated."),
        };
        return new SendEvent(saga.ParentInstanceId!, ChildOutcome.EventId(saga.InstanceId), ChildOutcome.EventType(saga.InstanceId), payload, time.GetUtcNow());
    }

    private static void Finish(WorkflowInstance saga, TimeProvider time, OrchestratorOptions settings, string? output = null, (string Name, string Message)? error = null)
    {
        var now = time.GetUtcNow();
        saga.OutputJson = output;
        saga.ErrorName = error?.Name;
        saga.ErrorMessage = error?.Message;
        saga.EndedAt = now;
        saga.RetainUntil = now + settings.Retention;
        saga.DispatchDeadline = null;
        saga.WakeAt = null;
        saga.AwaitedEventTypes = [];
    }

    private static InstanceProgress Progress(WorkflowInstance saga, string status, TimeProvider time) =>
        new(saga.InstanceId, saga.Workflow, saga.Generation, status, time.GetUtcNow());

    private static InstanceCommandAccepted Accepted<T>(BehaviorContext<WorkflowInstance, T> c, string status) where T : class =>
        new(c.Saga.InstanceId, status);

    private static InstanceCommandRejected Rejected<T>(BehaviorContext<WorkflowInstance, T> c, string status, string reason, string? code = null) where T : class =>
        new(c.Saga.InstanceId, status, reason, code);
}
