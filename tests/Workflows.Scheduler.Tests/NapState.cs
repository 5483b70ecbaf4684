using MassTransit;

namespace Workflows.Scheduler.Tests;

public sealed class NapState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid? WakeUpToken { get; set; }
}
