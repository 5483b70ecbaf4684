using Workflows.Runtime;
using MassTransit;
using Workflows.Storage;

namespace Workflows.Orchestrator.Tests.Sagas;

/// <summary>A tiny lifecycle over the real <see cref="WorkflowInstance"/>: create, bump the generation, finish.</summary>
public sealed class SagaProbeStateMachine : MassTransitStateMachine<WorkflowInstance>
{
    public const string DuplicateCreate = "DuplicateCreate";

    public SagaProbeStateMachine(SagaProbeSettings settings)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Created, e =>
        {
            // InsertOnInitial makes MassTransit insert the row before the state machine runs (the repository's Insert path).
            e.InsertOnInitial = settings.InsertOnInitial;
            e.CorrelateById(c => InstanceIds.Correlation(c.Message.InstanceId));
            e.SetSagaFactory(c => new WorkflowInstance
            {
                CorrelationId = InstanceIds.Correlation(c.Message.InstanceId),
                InstanceId = c.Message.InstanceId,
                Workflow = "saga-probe",
                CurrentState = Initial.Name,
            });
        });
        Event(() => Bumped, e =>
        {
            e.CorrelateById(c => InstanceIds.Correlation(c.Message.InstanceId));
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => Finished, e => e.CorrelateById(c => InstanceIds.Correlation(c.Message.InstanceId)));

        Initially(
            When(Created)
                .ThenAsync(c => Task.Delay(c.Message.DelayMilliseconds))
                .Then(c =>
                {
                    c.Saga.InstanceId = c.Message.InstanceId;
                    c.Saga.Workflow = "saga-probe";
                    c.Saga.CreatedAt = DateTimeOffset.UtcNow;
                })
                .TransitionTo(Queued));

        During(Queued,
            // The create that lost the insert race lands here on its retry, with the winner's row loaded.
            When(Created).Then(c =>
            {
                c.Saga.ErrorName = DuplicateCreate;
                c.Saga.ErrorMessage = $"retry attempt {c.GetRetryAttempt()}";
            }),
            When(Bumped).Then(c => c.Saga.Generation++),
            When(Finished).Finalize());

        SetCompletedWhenFinalized();
    }

    public State Queued { get; private set; } = null!;

    public Event<SagaProbeCreated> Created { get; private set; } = null!;
    public Event<SagaProbeBumped> Bumped { get; private set; } = null!;
    public Event<SagaProbeFinished> Finished { get; private set; } = null!;
}
